import ArgumentParser
import ChartbookCore
import ChartbookSite
import Foundation

/// `chartbook send`: the email edition of one issue to a list, through an SMTP relay.
struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send an issue's email edition (as built in Output/) to a list of recipients; a dry run unless --send.",
        discussion: """
            One message per recipient, charts attached, with an unsubscribe link when site.yaml has email.unsubscribe. \
            Each accepted message is recorded in sent.tsv at once; a recipient recorded for an issue is never sent it again, \
            so rerunning after a failure sends only what is left. Exit status 3 when any message failed.
            """)

    @OptionGroup var options: ProjectOptions

    @Argument(help: ArgumentHelp("The issue, by its file name without .md (e.g. 2025-05-24-jgb-auction), or 'latest' for the newest published issue in the site's language.", valueName: "issue"))
    var issue: String

    @Option(name: .long, help: ArgumentHelp("The recipients: one address per line, # for comments.", valueName: "file"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Send one proof to this address instead (not recorded in sent.tsv).", valueName: "address"))
    var testTo: String?

    @Option(name: .long, help: ArgumentHelp("The SMTP relay (default: $CHARTBOOK_SMTP_HOST, else 127.0.0.1:25). STARTTLS is used whenever the relay offers it; with $CHARTBOOK_SMTP_USER and $CHARTBOOK_SMTP_PASSWORD set, the client logs in (over TLS only); $CHARTBOOK_SMTP_CA_FILE adds a trusted CA.", valueName: "host:port"))
    var smtp: String?

    @Flag(name: .long, help: "Really send (without it, only say what would be sent).")
    var send = false

    func run() throws {
        let project = options.open()
        var stem = issue
        if issue == "latest" {
            do throws(SourceError) { stem = try Mailer.latestIssue(project) } catch { throw fail(error) }
        }
        var mailer = Mailer(project: project, issue: stem)
        let environment = ProcessInfo.processInfo.environment
        let relay = smtp ?? environment["CHARTBOOK_SMTP_HOST"] ?? "127.0.0.1:25"
        let parts = relay.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1]) else { throw ValidationError("--smtp (or CHARTBOOK_SMTP_HOST) takes host:port") }
        mailer.relay = (String(parts[0]), port)
        // Secrets come from the environment only, and are never printed.
        if let user = environment["CHARTBOOK_SMTP_USER"], !user.isEmpty {
            guard let password = environment["CHARTBOOK_SMTP_PASSWORD"] else { throw ValidationError("CHARTBOOK_SMTP_USER is set but CHARTBOOK_SMTP_PASSWORD is not") }
            mailer.login = (user, password)
        }
        mailer.caFile = environment["CHARTBOOK_SMTP_CA_FILE"]
        let report: Mailer.Report
        do throws(SourceError) {
            if let testTo {
                report = try mailer.run(recipients: try Mailer.recipients(testTo, file: "--test-to"), dryRun: !send, test: true)
            } else {
                guard let to else { throw SourceError(SourceLocation(file: "--to"), "give the recipient list (--to FILE) or a proof address (--test-to ADDRESS)") }
                let text: String
                do { text = String(decoding: try RegularFile.read(to, limit: 64 << 20), as: UTF8.self) } catch {
                    throw SourceError(SourceLocation(file: to), "the recipient list \(error)")
                }
                report = try mailer.run(recipients: try Mailer.recipients(text, file: to), dryRun: !send)
            }
        } catch {
            throw fail(error)
        }
        let verb = send ? "sent" : "would send"
        print("\(report.subject): \(verb) \(report.sent.count), already sent \(report.skipped.count), failed \(report.failed.count)")
        var stderr = StandardError()
        for failure in report.failed { print("\(failure.address): \(failure.reason)", to: &stderr) }
        if !send && !report.sent.isEmpty { print("(a dry run: add --send to send)") }
        if !report.failed.isEmpty { throw ExitCode(3) }
    }
}
