/// One part of a (possibly dotted) key, with where it was written.
struct KeyPart {
    var name: String
    var position: TOMLPosition
}

extension [KeyPart] {
    /// The key as it could be written back: `a."b c".d`.
    var dottedName: String {
        map { part in
            let bare =
                !part.name.isEmpty
                && part.name.utf8.allSatisfy { Parser.isBareKeyByte($0) }
            return bare ? part.name : "\"\(part.name)\""
        }.joined(separator: ".")
    }
}
