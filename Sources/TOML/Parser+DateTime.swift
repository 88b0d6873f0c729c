extension Parser {
    /// `1979-05-27T07:32:00.5-07:00`, `1979-05-27 07:32:00`, `1979-05-27` or `07:32:00`; nil when invalid.
    static func parseDateTime(_ token: [UInt8]) -> TOMLDateTime? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= token.count else { return nil }
            var value = 0
            for byte in token[i..<(i + count)] {
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            i += count
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard i < token.count, token[i] == character.asciiValue! else { return false }
            i += 1
            return true
        }
        func time() -> TOMLDateTime.LocalTime? {
            guard let hour = number(2), expect(":"), let minute = number(2), expect(":"), let second = number(2),
                hour <= 23, minute <= 59, second <= 60
            else { return nil }
            var nanosecond = 0
            if expect(".") {
                var count = 0
                while i < token.count, isDigit(token[i]) {
                    if count < 9 { nanosecond = nanosecond * 10 + Int(token[i] - UInt8(ascii: "0")) }
                    count += 1
                    i += 1
                }
                guard count > 0 else { return nil }
                for _ in min(count, 9)..<9 { nanosecond *= 10 }
            }
            return TOMLDateTime.LocalTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        }

        let text = String(decoding: token, as: UTF8.self)
        if token.count > 2, token[2] == UInt8(ascii: ":") {
            guard let time = time(), i == token.count else { return nil }
            return TOMLDateTime(text: text, date: nil, time: time, offsetMinutes: nil)
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        let date = TOMLDateTime.LocalDate(year: year, month: month, day: day)
        if i == token.count { return TOMLDateTime(text: text, date: date, time: nil, offsetMinutes: nil) }
        guard expect("T") || expect("t") || expect(" "), let time = time() else { return nil }
        if i == token.count { return TOMLDateTime(text: text, date: date, time: time, offsetMinutes: nil) }
        var offset = 0
        if expect("Z") || expect("z") {
            offset = 0
        } else {
            guard i < token.count, token[i] == UInt8(ascii: "+") || token[i] == UInt8(ascii: "-") else { return nil }
            let sign = token[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let hours = number(2), expect(":"), let minutes = number(2), hours <= 23, minutes <= 59 else {
                return nil
            }
            offset = sign * (hours * 60 + minutes)
        }
        guard i == token.count else { return nil }
        return TOMLDateTime(text: text, date: date, time: time, offsetMinutes: offset)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
