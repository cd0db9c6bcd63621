import ChartbookCore
import ChartbookData
import Foundation

/// Incremental builds behind one seam. The pipeline asks it three things: may this issue (or this
/// group of site-wide pages) be carried over from the previous output, what to remember of what was
/// rendered, and to save that once the new output is in place. Everything else about page records
/// (their keys, the issue-file index, the records file, tying records to the output) lives here and
/// in the files beside it. A build without one (`SiteBuilder.useCache = false`, or `render()` in
/// memory) renders everything and remembers nothing.
final class IncrementalBuild: @unchecked Sendable {
    /// The previous build's records, read on another thread while config and data load.
    private let loader: BackgroundValue<PageRecords>
    /// What every page shares: site config and catalog texts (then layouts, options, engine in `sharedKey`).
    private var sharedInputs: [String] = []
    /// Digest of what every page shares; set when the issues start publishing.
    private(set) var sharedKey = ""
    /// Keys of the site-wide pages (see `SiteWidePages.swift`), set once every issue is summarised.
    private(set) var listingKey = "", feedsKey = ""
    /// This build's records of the site-wide groups; the issues' are being encoded meanwhile.
    private var records: [String: PageRecord] = [:]
    private var encodingIssueRecords: BackgroundValue<[UInt8]>?
    /// How many issues and pages were carried over unchanged.
    private(set) var reused = 0
    private let lock = NSLock()

    /// Starts reading the records of the build that wrote `output` from `file`.
    init(file: URL, output: URL) {
        loader = PageRecords.loader(file: file, output: output)
    }

    /// The previous build's records (waits for them to be read).
    var previous: PageRecords { loader.value }

    /// A text every page is made from (the site config, the catalog): part of every key.
    func addSharedInput(_ text: String) {
        lock.lock(); sharedInputs.append(text); lock.unlock()
    }

    // MARK: - Issues

    /// Computes the key every page shares, once the templates are known.
    func startIssues(templates: TemplateSet, options: [String]) {
        sharedKey = PageRecords.sharedKey(templates: templates, inputs: options + sharedInputs)
    }

    /// What to do with one issue: carry it over (its record and summary), or render it and remember it under `key`.
    enum Decision {
        case carried(PageRecord, IssueSummary)
        case render(key: String, scan: PageRecord.Scan)
    }

    /// Whether `issue` is unchanged since the previous build (same key) and its files could all be
    /// carried into `sink`.
    func decide(_ issue: Issue, editions: [Issue], templates: TemplateSet, store: DataStore, options: [String], sink: OutputSink) -> Decision {
        let records = previous
        let k = PageRecords.key(for: issue, editions: editions, templates: templates, store: store, shared: sharedKey,
                                options: options, previousScan: records.previous[issue.source.stem]?.scan)
        if let (old, summary) = records.reuse(issue, key: k.key, into: sink) {
            var record = old
            record.scan = k.scan
            record.facts = issue.facts
            return .carried(record, summary)
        }
        return .render(key: k.key, scan: k.scan)
    }

    /// The record of an issue just rendered.
    func record(_ summary: IssueSummary, key: String, scan: PageRecord.Scan, files: [String]) -> PageRecord {
        PageRecords.record(summary, key: key, files: files, scan: scan, facts: summary.issue.facts)
    }

    /// Takes every issue's record (in order) and starts encoding them while the site-wide pages are
    /// made; works out the site-wide pages' keys from the summaries.
    func finishIssues(_ issueRecords: [String: PageRecord], carried: Int, summaries: [IssueSummary]) {
        reused = carried
        listingKey = SiteBuilder.listingKey(shared: sharedKey, summaries: summaries)
        feedsKey = SiteBuilder.feedsKey(shared: sharedKey, summaries: summaries)
        encodingIssueRecords = BackgroundValue { PageRecordFile.records(issueRecords) }
    }

    /// Reserves room in the sink's bookkeeping for as many files as the previous build wrote.
    func reserve(_ sink: OutputSink) {
        sink.reserve(previous.previous.values.reduce(64) { $0 + $1.files.count })
    }

    // MARK: - Site-wide pages

    /// The files of a group of site-wide pages carried over, when the previous build made it from `key`.
    func carryGroup(_ name: String, key: String, into sink: OutputSink) -> [String]? {
        previous.reuseFiles("@" + name, key: key, into: sink) // issue stems are lower-case letters, digits and hyphens: no clash
    }

    /// Remembers a group's files under its key.
    func recordGroup(_ name: String, key: String, files: [String]) {
        lock.lock()
        records["@" + name] = PageRecord(key: key, files: files, lead: nil, charts: 0, warnings: [], feedHTML: nil)
        lock.unlock()
    }

    // MARK: - Around the swap

    /// Removes the previous records just before the new output replaces the old (see `PageRecords.invalidate`).
    func invalidate() { previous.invalidate() }

    /// Saves this build's records, tied to the output now in place; the reason it could not, or nil.
    func save() -> String? {
        let records = previous
        guard let output = records.outputRecord() else { return "cannot describe the new output folder; the next build renders every page" }
        lock.lock()
        var groups = self.records
        lock.unlock()
        groups[PageRecords.outputRecord] = output
        let issues = encodingIssueRecords?.value ?? []
        return records.save(PageRecordFile.file(issues, PageRecordFile.records(groups)))
    }
}
