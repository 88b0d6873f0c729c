/// Who a digest is for.
public struct Recipient: Sendable, Hashable {
    public var id: String
    public var name: String
    public var email: String
    public var expertise: [String]

    public init(id: String, name: String, email: String, expertise: [String] = []) {
        self.id = id
        self.name = name
        self.email = email
        self.expertise = expertise
    }
}
