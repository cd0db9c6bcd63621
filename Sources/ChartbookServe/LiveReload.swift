/// The script the preview server adds to every HTML page it serves (never to the built files):
/// it asks the server to answer when the next build finishes, reloads when a new one is ready, and
/// shows a build error over the page, which keeps showing the last good build underneath.
public enum LiveReload {
    public static let statusPath = "/_chartbook/status"

    static let script = """
    <script>
    (function () {
      var seen = null, box = null;
      function show(error) {
        if (!error) { if (box) { box.remove(); box = null; } return; }
        if (!box) {
          box = document.createElement('pre');
          box.setAttribute('role', 'alert');
          box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:50%;overflow:auto;margin:0;padding:1em;' +
            'background:#3b0a0a;color:#fff;font:13px/1.5 Menlo,Consolas,monospace;z-index:2147483647;white-space:pre-wrap';
          document.body.appendChild(box);
        }
        box.textContent = 'chartbook: the last build failed; showing the previous site.\\n\\n' + error;
      }
      function poll(since) {
        // The server answers when the next build finishes (or after a few seconds): a save reloads the page at once.
        fetch('\(statusPath)' + (since === null ? '' : '?since=' + since), {cache: 'no-store'}).then(function (r) { return r.json(); }).then(function (s) {
          if (seen !== null && s.version !== seen) { location.reload(); return; }
          seen = s.version;
          show(s.error);
          setTimeout(function () { poll(s.generation); }, 0);
        }).catch(function () { setTimeout(function () { poll(since); }, 1000); });
      }
      poll(null);
    })();
    </script>
    """

    /// `html` with the live-reload script before `</body>` (or at the end when there is none).
    public static func inject(into html: String) -> String {
        guard let range = html.range(of: "</body>", options: .backwards) else { return html + script }
        return html.replacingCharacters(in: range, with: script + "\n</body>")
    }
}
