import CLibXML2
import Synchronization

/// libxml2 entities for HTML names that feeds use without declaring them (`&hellip;` in an RSS title). They are
/// made once per name, shared by all parsers, and never freed (at most one per HTML entity name).
enum FeedEntities {
    /// A libxml2 entity pointer that is only ever read after creation.
    struct Pointer: @unchecked Sendable {
        let entity: xmlEntityPtr
    }

    private static let cache = Mutex<[String: Pointer]>([:])

    /// The entity for `name`, or nil when it is not an HTML entity name.
    static func entity(named name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        let key = String(cString: name)
        guard let bytes = HTMLEntities.table[key] else { return nil }
        return cache.withLock { cache -> xmlEntityPtr? in
            if let existing = cache[key] { return existing.entity }
            let content = String(decoding: bytes, as: UTF8.self)
            guard let made = earshot_text_entity(key, content) else { return nil }
            cache[key] = Pointer(entity: made)
            return made
        }
    }
}
