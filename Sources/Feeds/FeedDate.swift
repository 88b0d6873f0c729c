import Foundation

/// Fast, lenient parsing of feed dates over bytes: RFC 822/1123/2822 (with real-world variants) and RFC 3339 /
/// ISO 8601. The result is computed arithmetically; an unparseable date is nil.
public enum FeedDate {
    /// Parses a date string; nil when it is not a recognizable date.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// Parses date bytes; nil when they are not a recognizable date.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var s = Scanner(bytes: bytes)
        s.skipSpaces()
        // ISO 8601 starts with four digits and a dash; everything else is tried as RFC 822.
        if s.remaining >= 5 && s.isDigit(0) && s.isDigit(1) && s.isDigit(2) && s.isDigit(3)
            && (s.peek(4) == UInt8(ascii: "-"))
        {
            return parseISO(&s)
        }
        return parseRFC822(&s)
    }

    /// Seconds since 1970 for a UTC civil time (proleptic Gregorian), or nil when a field is out of range.
    static func epochSeconds(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetSeconds: Int
    ) -> Int? {
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour), (0...59).contains(minute),
            (0...60).contains(second), (1...9999).contains(year)
        else { return nil }
        guard day <= daysInMonth(year: year, month: month) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's `days_from_civil`.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    // MARK: - ISO 8601 / RFC 3339

    static func parseISO(_ s: inout Scanner) -> Date? {
        guard let year = s.number(maxDigits: 4), s.consume(UInt8(ascii: "-")),
            let month = s.number(maxDigits: 2)
        else { return nil }
        var day = 1
        if s.consume(UInt8(ascii: "-")) {
            guard let d = s.number(maxDigits: 2) else { return nil }
            day = d
        }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var offset = 0
        if s.consume(UInt8(ascii: "T")) || s.consume(UInt8(ascii: "t"))
            || (s.peek(0) == UInt8(ascii: " ") && s.isDigit(1) && s.consume(UInt8(ascii: " ")))
        {
            guard let h = s.number(maxDigits: 2) else { return nil }
            hour = h
            if s.consume(UInt8(ascii: ":")) {
                guard let m = s.number(maxDigits: 2) else { return nil }
                minute = m
                if s.consume(UInt8(ascii: ":")) {
                    guard let sec = s.number(maxDigits: 2) else { return nil }
                    second = sec
                    if s.consume(UInt8(ascii: ".")) || s.consume(UInt8(ascii: ",")) {
                        var scale = 0.1
                        while s.isDigit(0) {
                            fraction += Double(s.peek(0)! - UInt8(ascii: "0")) * scale
                            scale /= 10
                            s.advance()
                        }
                    }
                }
            }
            s.skipSpaces()
            guard let zone = parseZone(&s) else { return nil }
            offset = zone
        }
        guard
            let seconds = epochSeconds(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                offsetSeconds: offset)
        else { return nil }
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    // MARK: - RFC 822

    static func parseRFC822(_ s: inout Scanner) -> Date? {
        // Optional weekday ("Sun," / "Sunday," / "Sun ").
        if s.isAlpha(0) {
            while s.isAlpha(0) { s.advance() }
            _ = s.consume(UInt8(ascii: ","))
            s.skipSpaces()
        }
        guard let day = s.number(maxDigits: 2) else { return nil }
        s.skipSeparators()
        guard let month = s.monthName() else { return nil }
        s.skipSeparators()
        guard s.isDigit(0) else { return nil }
        let yearStart = s.position
        guard var year = s.number(maxDigits: 4) else { return nil }
        if s.position - yearStart <= 2 { year += year < 50 ? 2000 : 1900 }
        s.skipSpaces()
        var hour = 0
        var minute = 0
        var second = 0
        if s.isDigit(0) {
            guard let h = s.number(maxDigits: 2), s.consume(UInt8(ascii: ":")), let m = s.number(maxDigits: 2)
            else { return nil }
            hour = h
            minute = m
            if s.consume(UInt8(ascii: ":")) {
                guard let sec = s.number(maxDigits: 2) else { return nil }
                second = sec
                if s.consume(UInt8(ascii: ".")) { while s.isDigit(0) { s.advance() } }
            }
        }
        s.skipSpaces()
        guard let offset = parseZone(&s) else { return nil }
        guard
            let seconds = epochSeconds(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                offsetSeconds: offset)
        else { return nil }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// A zone: `Z`, `+hh:mm`, `+hhmm`, `+hh`, a US/UTC zone name, or nothing (UTC). Other names count as UTC.
    static func parseZone(_ s: inout Scanner) -> Int? {
        guard let c = s.peek(0) else { return 0 }
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            s.advance()
            let sign = c == UInt8(ascii: "-") ? -1 : 1
            guard s.isDigit(0), s.isDigit(1) else { return nil }
            let hh = s.number(maxDigits: 2)!
            var mm = 0
            _ = s.consume(UInt8(ascii: ":"))
            if s.isDigit(0) {
                guard let m = s.number(maxDigits: 2) else { return nil }
                mm = m
            }
            guard hh <= 23, mm <= 59 else { return nil }
            return sign * (hh * 3600 + mm * 60)
        }
        guard s.isAlpha(0) else { return 0 }
        var name: UInt32 = 0
        var count = 0
        while s.isAlpha(0) {
            if count < 4 { name = (name << 8) | UInt32(s.peek(0)! & ~0x20) }
            count += 1
            s.advance()
        }
        let hours: Int
        switch (count, name) {
        case (1, 0x5A), (2, 0x5554), (3, 0x555443), (3, 0x474D54): hours = 0  // Z UT UTC GMT
        case (3, 0x455354): hours = -5  // EST
        case (3, 0x454454): hours = -4  // EDT
        case (3, 0x435354): hours = -6  // CST
        case (3, 0x434454): hours = -5  // CDT
        case (3, 0x4D5354): hours = -7  // MST
        case (3, 0x4D4454): hours = -6  // MDT
        case (3, 0x505354): hours = -8  // PST
        case (3, 0x504454): hours = -7  // PDT
        default: hours = 0  // unknown names (CEST, AEST, ...) are ambiguous; UTC is closer than no date
        }
        // "GMT+0100" style.
        if let sign = s.peek(0), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), s.isDigit(1) {
            return parseZone(&s).map { $0 + hours * 3600 }
        }
        return hours * 3600
    }

    /// A cursor over the date bytes.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var remaining: Int { bytes.count - position }

        func peek(_ k: Int) -> UInt8? { position + k < bytes.count ? bytes[position + k] : nil }

        func isDigit(_ k: Int) -> Bool {
            guard let c = peek(k) else { return false }
            return c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
        }

        func isAlpha(_ k: Int) -> Bool {
            guard let c = peek(k) else { return false }
            return (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
        }

        mutating func advance() { position += 1 }

        mutating func consume(_ c: UInt8) -> Bool {
            guard peek(0) == c else { return false }
            position += 1
            return true
        }

        mutating func skipSpaces() {
            while let c = peek(0), c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { position += 1 }
        }

        /// Spaces, dashes, slashes or commas between RFC 822 date parts.
        mutating func skipSeparators() {
            while let c = peek(0),
                c == 0x20 || c == 0x09 || c == UInt8(ascii: "-") || c == UInt8(ascii: "/") || c == UInt8(ascii: ",")
            {
                position += 1
            }
        }

        mutating func number(maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while digits < maxDigits, isDigit(0) {
                value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                position += 1
                digits += 1
            }
            return digits == 0 ? nil : value
        }

        /// An English month name or its 3-letter abbreviation, case-insensitive, as 1...12.
        mutating func monthName() -> Int? {
            guard isAlpha(0), isAlpha(1), isAlpha(2) else { return nil }
            let key =
                (UInt32(bytes[position] | 0x20) << 16) | (UInt32(bytes[position + 1] | 0x20) << 8)
                | UInt32(bytes[position + 2] | 0x20)
            let months: [UInt32] = [
                0x6A616E, 0x666562, 0x6D6172, 0x617072, 0x6D6179, 0x6A756E, 0x6A756C, 0x617567, 0x736570, 0x6F6374,
                0x6E6F76, 0x646563,
            ]
            guard let index = months.firstIndex(of: key) else { return nil }
            while isAlpha(0) { position += 1 }
            _ = consume(UInt8(ascii: "."))
            return index + 1
        }
    }
}
