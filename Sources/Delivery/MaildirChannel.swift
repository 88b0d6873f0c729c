import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Delivers each digest as one message file into a Maildir, with the tmp-then-rename protocol: the message is
/// written and fsynced under `tmp/`, then renamed into `new/`, so a reader never sees a partial message.
public struct MaildirChannel: Channel {
    public let id: String
    /// The Maildir folder (holding `tmp`, `new`, `cur`); created if missing.
    public let path: String
    public let sender: (name: String, address: String)
    public let renderer: DigestRenderer

    public init(
        id: String, path: String, sender: (name: String, address: String) = MaildirChannel.defaultSender,
        renderer: DigestRenderer = DigestRenderer()
    ) {
        self.id = id
        self.path = path
        self.sender = sender
        self.renderer = renderer
    }

    /// `Earshot <earshot@HOSTNAME>`.
    public static let defaultSender: (name: String, address: String) = ("Earshot", "earshot@\(hostname())")

    public func deliver(_ digest: Digest) async throws(DeliveryError) {
        let message = MailMessage(
            from: sender, to: (digest.recipient.name, digest.recipient.email),
            subject: renderer.subject(for: digest), date: digest.createdAt,
            messageID: "\(digest.id).\(digest.recipient.id)@earshot", body: renderer.plainText(for: digest))
        do {
            try write(message.rendered(lineEnding: "\n"))
        } catch {
            throw DeliveryError(channel: id, recipient: digest.recipient.id, message: error.message, transient: true)
        }
    }

    /// Writes one message file and returns its final path.
    @discardableResult
    func write(_ bytes: [UInt8]) throws(MaildirError) -> String {
        for folder in ["/tmp", "/new", "/cur"] {
            let folderPath = path + folder
            do {
                try FileManager.default.createDirectory(
                    atPath: folderPath, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw MaildirError(message: "cannot create \(folderPath): \((error as NSError).localizedDescription)")
            }
        }
        let name = Self.uniqueName()
        let temporary = "\(path)/tmp/\(name)"
        let final = "\(path)/new/\(name)"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw MaildirError(message: "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        var written = 0
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot write \(temporary): \(String(cString: strerror(errno)))"
                    return
                }
                written += result
            }
        }
        if failure == nil && fsync(descriptor) != 0 {
            failure = "cannot fsync \(temporary): \(String(cString: strerror(errno)))"
        }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw MaildirError(message: failure)
        }
        guard rename(temporary, final) == 0 else {
            let message = "cannot move \(temporary) to new/: \(String(cString: strerror(errno)))"
            unlink(temporary)
            throw MaildirError(message: message)
        }
        return final
    }

    private static let counter = Atomic<Int>(0)

    /// `seconds.M<micros>P<pid>Q<n>.<host>`: unique per process, delivery and host, as Maildir asks.
    static func uniqueName() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let sequence = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let host = hostname().replacingOccurrences(of: "/", with: "\\057").replacingOccurrences(
            of: ":", with: "\\072")
        // Microseconds zero-padded, so that names of one second sort in delivery order.
        let micros = String(now.tv_nsec / 1000)
        let padded = String(repeating: "0", count: max(0, 6 - micros.count)) + micros
        return "\(now.tv_sec).M\(padded)P\(getpid())Q\(sequence).\(host)"
    }

    static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}

/// A Maildir write failure, with the path and the system's reason.
struct MaildirError: Error {
    var message: String
}
