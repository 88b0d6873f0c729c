extension Parser {
    /// An integer or float token, or nil when the token is neither.
    func parseNumber(_ token: [UInt8], text: String, at start: TOMLPosition) throws(TOMLError) -> TOMLValue? {
        var digits = token[...]
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        if digits.count >= 2, digits.first == UInt8(ascii: "0"),
            let radix = [UInt8(ascii: "x"): 16, UInt8(ascii: "o"): 8, UInt8(ascii: "b"): 2][digits.dropFirst().first!]
        {
            if digits.count != token.count {
                throw error("a hexadecimal, octal or binary integer cannot have a sign", at: start)
            }
            return try parseRadixInteger(digits.dropFirst(2), radix: radix, text: text, at: start)
        }
        if digits.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            return try parseFloat(token, digits, text: text, at: start)
        }
        guard Self.isValidDigitRun(digits, leadingZerosAllowed: false) else {
            if digits.first == UInt8(ascii: "0"), digits.count > 1, digits.allSatisfy(Self.isDigit) {
                throw error("leading zeros are not allowed in `\(text)`", at: start)
            }
            return nil
        }
        var magnitude: UInt64 = 0
        for digit in digits where digit != UInt8(ascii: "_") {
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw error("integer `\(text)` does not fit in 64 bits", at: start) }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else {
                throw error("integer `\(text)` does not fit in 64 bits", at: start)
            }
            return .integer(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else {
            throw error("integer `\(text)` does not fit in 64 bits", at: start)
        }
        return .integer(Int64(magnitude))
    }

    /// Digits (in base 10 unless `isDigit` says otherwise) with single underscores between them.
    static func isValidDigitRun(
        _ run: ArraySlice<UInt8>, leadingZerosAllowed: Bool, isDigit: (UInt8) -> Bool = Parser.isDigit
    ) -> Bool {
        guard let first = run.first, let last = run.last, isDigit(first), isDigit(last) else { return false }
        var previous: UInt8 = 0
        for byte in run {
            if byte == UInt8(ascii: "_") {
                if previous == UInt8(ascii: "_") { return false }
            } else if !isDigit(byte) {
                return false
            }
            previous = byte
        }
        if !leadingZerosAllowed, first == UInt8(ascii: "0"), run.count > 1 { return false }
        return true
    }

    private func parseRadixInteger(
        _ digits: ArraySlice<UInt8>, radix: Int, text: String, at start: TOMLPosition
    ) throws(TOMLError) -> TOMLValue {
        let isDigit: (UInt8) -> Bool = { byte in
            guard let value = Parser.hexDigitValue(byte) else { return false }
            return Int(value) < radix
        }
        guard Self.isValidDigitRun(digits, leadingZerosAllowed: true, isDigit: isDigit) else {
            throw error("invalid integer `\(text)`", at: start)
        }
        var value: UInt64 = 0
        for digit in digits where digit != UInt8(ascii: "_") {
            let (times, overflow1) = value.multipliedReportingOverflow(by: UInt64(radix))
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(Parser.hexDigitValue(digit)!))
            guard !overflow1, !overflow2, sum <= UInt64(Int64.max) else {
                throw error("integer `\(text)` does not fit in 64 bits", at: start)
            }
            value = sum
        }
        return .integer(Int64(value))
    }

    private func parseFloat(
        _ token: [UInt8], _ digits: ArraySlice<UInt8>, text: String, at start: TOMLPosition
    ) throws(TOMLError) -> TOMLValue {
        let invalid = error("invalid float `\(text)`", at: start)
        var rest = digits
        let exponentIndex = rest.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        var mantissa = rest
        if let exponentIndex {
            mantissa = rest[..<exponentIndex]
            var exponent = rest[(exponentIndex + 1)...]
            if let sign = exponent.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponent = exponent.dropFirst()
            }
            guard Self.isValidDigitRun(exponent, leadingZerosAllowed: true) else { throw invalid }
        }
        rest = mantissa
        if let dot = rest.firstIndex(of: UInt8(ascii: ".")) {
            guard Self.isValidDigitRun(rest[..<dot], leadingZerosAllowed: false),
                Self.isValidDigitRun(rest[(dot + 1)...], leadingZerosAllowed: true)
            else { throw invalid }
        } else {
            guard Self.isValidDigitRun(rest, leadingZerosAllowed: false) else { throw invalid }
        }
        let cleaned = String(decoding: token.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let value = Double(cleaned) else { throw invalid }
        return .float(value)
    }
}
