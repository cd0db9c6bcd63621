// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Chartbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chartbook", targets: ["chartbook"]),
        .library(name: "ChartbookSite", targets: ["ChartbookSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // libcmark from Debian's libcmark-dev, seen through a one-line shim header.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Shared vocabulary: calendar days, source locations, diagnostics, YAML node reading.
        .target(
            name: "ChartbookCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Series, readers, catalog and facts. Knows nothing of charts, Markdown or the site.
        .target(name: "ChartbookData", dependencies: ["ChartbookCore"]),
        // Scales, ticks, marks and SVG. Knows nothing of data files, Markdown or the site.
        .target(name: "ChartbookCharts", dependencies: ["ChartbookCore"]),
        // libcmark parsing, AST rewriting and HTML rendering.
        .target(name: "ChartbookMarkdown", dependencies: ["CCmark"]),
        // The build pipeline that composes data, charts, Markdown and templates into a site.
        .target(
            name: "ChartbookSite",
            dependencies: [
                "ChartbookCore", "ChartbookData", "ChartbookCharts", "ChartbookMarkdown",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // `chartbook fetch`: downloads through Foundation's URLSession, checked by the data readers.
        .target(name: "ChartbookFetch", dependencies: ["ChartbookCore", "ChartbookData"]),
        // The preview server (`chartbook serve`): its own target, so the HTTP stack stays out of the library.
        .target(
            name: "ChartbookServe",
            dependencies: [
                "ChartbookSite", "ChartbookCore",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Fuzz targets for libFuzzer (see README, Development); a corpus replayer otherwise.
        .executableTarget(name: "chartbook-fuzz", dependencies: ["ChartbookSite"]),
        .executableTarget(
            name: "chartbook",
            dependencies: [
                "ChartbookSite", "ChartbookCore", "ChartbookData", "ChartbookServe", "ChartbookMarkdown", "ChartbookFetch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ChartbookCoreTests", dependencies: ["ChartbookCore", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "ChartbookDataTests", dependencies: ["ChartbookData", "ChartbookCore"]),
        .testTarget(name: "ChartbookChartsTests", dependencies: ["ChartbookCharts", "ChartbookCore"]),
        .testTarget(name: "ChartbookMarkdownTests", dependencies: ["ChartbookMarkdown"]),
        .testTarget(name: "ChartbookServeTests", dependencies: ["ChartbookServe", "ChartbookSite"]),
        // Fetch tests run real HTTP servers on 127.0.0.1 (SwiftNIO, already built for `serve`).
        .testTarget(
            name: "ChartbookFetchTests",
            dependencies: [
                "ChartbookFetch", "ChartbookData", "ChartbookCore", "ChartbookSite",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ChartbookSiteTests",
            dependencies: ["ChartbookSite", "ChartbookCore", "ChartbookData", "ChartbookCharts", "ChartbookMarkdown"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
