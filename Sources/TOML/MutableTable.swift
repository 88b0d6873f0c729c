/// A table while the document is being read: a reference, so headers can reopen it, with how it was created.
final class MutableTable {
    /// How a table came to exist; decides whether a header or dotted key may define or extend it.
    enum Origin {
        /// The document root.
        case root
        /// Created as a parent by a header (`a` in `[a.b]`); a later `[a]` may still define it.
        case implicit
        /// Defined by a `[header]`.
        case header
        /// Created by a dotted key (`a` in `a.b = 1`).
        case dotted
        /// One element of an array of tables.
        case arrayElement
        /// The root of an inline table under construction.
        case inline
    }

    /// What a key holds.
    enum Content {
        case value(TOMLNode)
        case table(MutableTable)
        case tableArray([MutableTable], position: TOMLPosition)
    }

    struct Slot {
        var keyPosition: TOMLPosition
        var content: Content
    }

    var origin: Origin
    var position: TOMLPosition
    var order: [String] = []
    var slots: [String: Slot] = [:]

    init(origin: Origin, position: TOMLPosition) {
        self.origin = origin
        self.position = position
    }

    func add(_ key: String, at keyPosition: TOMLPosition, _ content: Content) {
        order.append(key)
        slots[key] = Slot(keyPosition: keyPosition, content: content)
    }

    /// The immutable table.
    func freeze() -> TOMLTable {
        TOMLTable(
            entries: order.map { key in
                let slot = slots[key]!
                let node: TOMLNode
                switch slot.content {
                case .value(let value): node = value
                case .table(let table): node = TOMLNode(.table(table.freeze()), at: table.position)
                case .tableArray(let tables, let position):
                    node = TOMLNode(.array(tables.map { TOMLNode(.table($0.freeze()), at: $0.position) }), at: position)
                }
                return TOMLTable.Entry(key: key, keyPosition: slot.keyPosition, node: node)
            })
    }
}
