import Foundation
import Hummingbird
import Logging
import Prometheus

/// Serves `GET /metrics` (Prometheus text format) and `GET /healthz` (200 while the last cycle is recent, 503
/// otherwise) on one address. Read-only; nothing else is routed.
public struct TelemetryServer: Sendable {
    public let host: String
    public let port: Int
    public let registry: PrometheusCollectorRegistry
    public let health: Health
    public let logger: Logger

    public init(host: String, port: Int, registry: PrometheusCollectorRegistry, health: Health, logger: Logger) {
        self.host = host
        self.port = port
        self.registry = registry
        self.health = health
        self.logger = logger
    }

    /// Serves until the calling task is cancelled. `onListening` gets the bound port (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router()
        let registry = registry
        let health = health
        router.get("/metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("/healthz") { _, _ -> Response in
            let (healthy, reason) = health.check()
            return Response(
                status: healthy ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: (healthy ? "ok: " : "unhealthy: ") + reason + "\n")))
        }
        var quiet = logger
        quiet.logLevel = .warning
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "earshot"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: quiet)
        try await app.run()
    }
}
