extension Parser {
    /// Walks from the root through the parents named by a header, creating implicit tables as needed.
    func parentForHeader(_ key: [KeyPart]) throws(TOMLError) -> MutableTable {
        var table = root
        for (offset, part) in key.dropLast().enumerated() {
            let name = Array(key[...offset]).dottedName
            guard let slot = table.slots[part.name] else {
                let child = MutableTable(origin: .implicit, position: part.position)
                table.add(part.name, at: part.position, .table(child))
                table = child
                continue
            }
            switch slot.content {
            case .table(let child):
                table = child
            case .tableArray(let elements, _):
                table = elements.last!
            case .value(let node):
                throw error(alreadyValue(name, node, slot), at: part.position)
            }
        }
        return table
    }

    /// `[key]`: defines the table, which must not have been defined before.
    func openTable(_ key: [KeyPart], header: TOMLPosition) throws(TOMLError) -> MutableTable {
        let parent = try parentForHeader(key)
        let last = key.last!
        let name = key.dottedName
        guard let slot = parent.slots[last.name] else {
            let table = MutableTable(origin: .header, position: header)
            parent.add(last.name, at: last.position, .table(table))
            return table
        }
        switch slot.content {
        case .value(let node):
            throw error(alreadyValue(name, node, slot), at: last.position)
        case .tableArray(_, let position):
            throw error("`\(name)` is already an array of tables (defined at \(position))", at: last.position)
        case .table(let table):
            switch table.origin {
            case .implicit:
                table.origin = .header
                table.position = header
                parent.slots[last.name]!.keyPosition = last.position
                return table
            case .dotted:
                throw error(
                    "table `\(name)` cannot be defined again: dotted keys defined it at \(slot.keyPosition)",
                    at: last.position)
            case .header, .arrayElement, .root, .inline:
                throw error("table `\(name)` is already defined at \(table.position)", at: last.position)
            }
        }
    }

    /// `[[key]]`: appends a table to the array of tables, creating it the first time.
    func openArrayElement(_ key: [KeyPart], header: TOMLPosition) throws(TOMLError) -> MutableTable {
        let parent = try parentForHeader(key)
        let last = key.last!
        let name = key.dottedName
        let element = MutableTable(origin: .arrayElement, position: header)
        guard parent.slots[last.name] != nil else {
            parent.add(last.name, at: last.position, .tableArray([element], position: header))
            return element
        }
        if case .tableArray(var elements, let position) = parent.slots[last.name]!.content {
            // Take the array out of the slot before appending, so that it is not copied: [[x]] stays linear.
            parent.slots[last.name]!.content = .tableArray([], position: position)
            elements.append(element)
            parent.slots[last.name]!.content = .tableArray(elements, position: position)
            return element
        }
        let slot = parent.slots[last.name]!
        switch slot.content {
        case .tableArray:
            return element
        case .value(let node):
            if case .array = node.value {
                throw error(
                    "`\(name)` is already a static array (defined at \(slot.keyPosition)); it cannot be extended "
                        + "with `[[\(name)]]`", at: last.position)
            }
            throw error(alreadyValue(name, node, slot), at: last.position)
        case .table(let table):
            throw error(
                "`\(name)` is already a table (defined at \(table.position)), not an array of tables",
                at: last.position)
        }
    }

    /// `a.b.c = value` inside `table`.
    func insert(_ key: [KeyPart], _ value: TOMLNode, into start: MutableTable) throws(TOMLError) {
        var table = start
        for (offset, part) in key.dropLast().enumerated() {
            let name = Array(key[...offset]).dottedName
            guard let slot = table.slots[part.name] else {
                let child = MutableTable(origin: .dotted, position: part.position)
                table.add(part.name, at: part.position, .table(child))
                table = child
                continue
            }
            switch slot.content {
            case .table(let child):
                switch child.origin {
                case .dotted, .implicit:
                    child.origin = .dotted
                    table = child
                case .header, .arrayElement, .root, .inline:
                    throw error(
                        "dotted keys cannot add to table `\(name)`, which is defined at \(child.position)",
                        at: part.position)
                }
            case .tableArray(_, let position):
                throw error(
                    "dotted keys cannot add to the array of tables `\(name)` (defined at \(position))",
                    at: part.position)
            case .value(let node):
                throw error(alreadyValue(name, node, slot), at: part.position)
            }
        }
        let last = key.last!
        if let slot = table.slots[last.name] {
            throw error("duplicate key `\(key.dottedName)` (first defined at \(slot.keyPosition))", at: last.position)
        }
        table.add(last.name, at: last.position, .value(value))
    }

    private func alreadyValue(_ name: String, _ node: TOMLNode, _ slot: MutableTable.Slot) -> String {
        if case .table = node.value {
            return "inline table `\(name)` (defined at \(slot.keyPosition)) cannot be extended"
        }
        return "`\(name)` is already \(node.value.typeDescription) (defined at \(slot.keyPosition)), not a table"
    }
}
