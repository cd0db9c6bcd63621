import ChartbookCore

/// What a build wrote for one issue (or one group of site-wide pages), kept for the next build:
/// its key, its files, and what the site-wide pages need of it without rendering it again.
struct PageRecord: Sendable, Equatable {
    struct Lead: Sendable, Equatable { var svgName: String, title: String, width: Double, height: Double }
    struct Warning: Sendable, Equatable { var severity: String, file: String, line: Int?, column: Int?, message: String }
    var key: String
    var files: [String]
    var lead: Lead?
    var charts: Int
    var warnings: [Warning]
    var feedHTML: String?
    /// The identifier scan of the issue's partials, kept so unchanged texts are not scanned again.
    var scan: Scan?
    /// What the next build needs of the issue's file if it has not changed (see `CachedIssueLoading.swift`).
    var facts: IssueFacts?
    /// The issue's folder in the new output and in the one before, as they stood when this build
    /// left them holding the very same files (see `OutputSink.FolderPair`); nil otherwise.
    var sync: String?

    /// Which catalog ids a set of texts names, and the digest of those texts and the catalog's ids.
    struct Scan: Sendable, Equatable {
        var digest: String
        var ids: [String]
    }
}
