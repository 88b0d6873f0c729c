// swift-tools-version:6.1
import Foundation
import PackageDescription

/// The matcher (`Matching`) is built for the build machine's CPU when that is an x86-64 with the Haswell feature
/// set (AVX2, BMI1 and BMI2, FMA, LZCNT, MOVBE: every x86-64 server CPU since 2013-2015), as `-march=native`
/// would: its word loops use one-instruction bit scans and shifts (27 instructions per word in the sieve loop
/// instead of 32; 1.05x-1.08x the match stage in alternating runs of the two builds). On a CPU with AVX-512
/// (with VBMI2: AMD Zen 4 and later, Intel Ice Lake and later) it is built for that CPU, and the first read's
/// sieve tests a block's words 8 at a time instead of in a loop (`EARSHOT_AVX512`,
/// `FirstReader+VectorSieve.swift`). Swift has no way to pick code by CPU at run time, and a binary built so
/// stops with an illegal instruction on an older CPU: set `EARSHOT_PORTABLE=1` when building for other
/// machines. Elsewhere (another architecture, an older CPU) the build is the portable one.
let matcherSettings: [SwiftSetting] = {
    #if arch(x86_64) && os(Linux)
        let environment = ProcessInfo.processInfo.environment
        guard environment["EARSHOT_PORTABLE"] == nil,
            let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        else { return [] }
        // The first processor's lines (every core of a machine reports the same).
        let lines = cpuinfo.split(separator: "\n")
        guard let line = lines.first(where: { $0.hasPrefix("flags") }) else { return [] }
        let flags = Set(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init))
        // What LLVM's `haswell` assumes, as /proc/cpuinfo names it (`abm` is LZCNT).
        let haswell = [
            "sse4_2", "popcnt", "cx16", "lahf_lm", "pclmulqdq", "avx", "xsave", "xsaveopt", "f16c", "fsgsbase",
            "rdrand", "avx2", "bmi1", "bmi2", "erms", "fma", "invpcid", "abm", "movbe",
        ]
        guard haswell.allSatisfy(flags.contains) else { return [] }
        // The vector extensions LLVM's `znver4` and `icelake-server` both assume (and so may use anywhere).
        let avx512 = [
            "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512ifma", "avx512vbmi", "avx512_vbmi2",
            "avx512_vnni", "avx512_bitalg", "avx512_vpopcntdq", "gfni", "vaes", "vpclmulqdq", "sha_ni", "clwb",
            "rdpid", "adx", "rdseed", "clflushopt", "xsavec", "xsaves",
        ]
        let vendor = lines.first(where: { $0.hasPrefix("vendor_id") }) ?? ""
        if avx512.allSatisfy(flags.contains) {
            if vendor.hasSuffix("AuthenticAMD") && flags.contains("avx512_bf16") {
                return [.unsafeFlags(["-target-cpu", "znver4"]), .define("EARSHOT_AVX512")]
            }
            if vendor.hasSuffix("GenuineIntel") {
                return [.unsafeFlags(["-target-cpu", "icelake-server"]), .define("EARSHOT_AVX512")]
            }
        }
        return [.unsafeFlags(["-target-cpu", "haswell"])]
    #else
        return []
    #endif
}()

/// Earshot is a staged pipeline; each stage or seam is one target:
/// source -> fetch (Curl) -> parse (Feeds) -> Post (EarshotCore) -> dedupe (Store) -> match (Matching)
/// -> route (Routing) -> outbox (Store) -> digest + deliver (Delivery), wired together by Daemon.
let package = Package(
    name: "Earshot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "earshot", targets: ["earshot"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // C glue.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Typed wrappers for the x86 intrinsics Clang defines as macros (header only; empty off AVX-512).
        .target(name: "CIntrinsics"),

        // Value types that cross stage boundaries.
        .target(name: "EarshotCore"),

        // Config: a position-keeping TOML reader, then validated settings.
        .target(name: "TOML"),
        .target(name: "Settings", dependencies: ["TOML", "EarshotCore", "Matching"]),

        // Pipeline stages.
        .target(name: "Curl", dependencies: ["CCurl"]),
        .target(name: "Feeds", dependencies: ["CLibXML2", "EarshotCore"]),
        .target(name: "Matching", dependencies: ["EarshotCore", "CIntrinsics"], swiftSettings: matcherSettings),
        .target(name: "Routing", dependencies: ["EarshotCore"]),
        // Social networks and forums as sources: one adapter per API, decoding into the same posts.
        .target(name: "Social", dependencies: ["EarshotCore", "Curl", "Feeds"]),
        .target(
            name: "Store",
            dependencies: ["EarshotCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "Delivery",
            dependencies: [
                "EarshotCore", "Curl", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Observability: Prometheus metrics and health over HTTP.
        .target(
            name: "Telemetry",
            dependencies: [
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(
            name: "Daemon",
            dependencies: [
                "Telemetry", .product(name: "Metrics", package: "swift-metrics"),
                "EarshotCore", "Settings", "Curl", "Feeds", "Matching", "Routing", "Store", "Delivery", "Social",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "earshot",
            dependencies: ["Daemon", "Social", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Test helpers: real servers on loopback.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(name: "EarshotCoreTests", dependencies: ["EarshotCore"]),
        .testTarget(name: "TOMLTests", dependencies: ["TOML"]),
        .testTarget(name: "TelemetryTests", dependencies: ["Telemetry", "TestSupport"]),
        .testTarget(name: "SettingsTests", dependencies: ["Settings", "TestSupport"]),
        .testTarget(name: "CurlTests", dependencies: ["Curl", "TestSupport"]),
        .testTarget(name: "FeedsTests", dependencies: ["Feeds", "TestSupport"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"]),
        .testTarget(name: "SocialTests", dependencies: ["Social", "Curl", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery", "TestSupport"]),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "Daemon", "Store", "Curl", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
