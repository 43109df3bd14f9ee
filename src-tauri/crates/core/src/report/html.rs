//! HTML of a document for the on-screen preview and `window.print()`: one static stylesheet
//! with `@page` set to A4 and the NĐ 30 margins, classes only (the app's CSP forbids style
//! attributes), table headers in `<thead>` so the browser repeats them, rows kept whole.

use super::model::{page, Align, Block, Cell, Chart, Closing, Document, Para, Run, Table};

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

fn align_class(a: Align) -> &'static str {
    match a {
        Align::Left => "al",
        Align::Center => "ac",
        Align::Right => "ar",
        Align::Justify => "aj",
    }
}

fn runs(rs: &[Run]) -> String {
    rs.iter()
        .map(|r| match (r.bold, r.italic) {
            (true, true) => format!("<b><i>{}</i></b>", esc(&r.text)),
            (true, false) => format!("<b>{}</b>", esc(&r.text)),
            (false, true) => format!("<i>{}</i>", esc(&r.text)),
            (false, false) => esc(&r.text),
        })
        .collect()
}

fn size_class(size: f32) -> &'static str {
    match size.round() as i32 {
        ..=11 => "s11",
        12 => "s12",
        13 => "s13",
        _ => "s14",
    }
}

fn para(p: &Para) -> String {
    let mut class = vec![align_class(p.align), size_class(p.size)];
    if p.indent {
        class.push("ind");
    }
    if p.keep_next {
        class.push("keep");
    }
    format!("<p class=\"{}\">{}</p>\n", class.join(" "), runs(&p.runs))
}

fn cell(tag: &str, c: &Cell, default: Align) -> String {
    let mut attrs = String::new();
    if c.colspan > 1 {
        attrs.push_str(&format!(" colspan=\"{}\"", c.colspan));
    }
    if c.rowspan > 1 && tag == "th" {
        attrs.push_str(&format!(" rowspan=\"{}\"", c.rowspan));
    }
    let mut class = vec![align_class(c.align.unwrap_or(default))];
    if c.bold {
        class.push("b");
    }
    if c.italic {
        class.push("i");
    }
    format!(
        "<{tag}{attrs} class=\"{}\">{}</{tag}>",
        class.join(" "),
        esc(&c.text)
    )
}

fn table(t: &Table) -> String {
    let total: f32 = t.columns.iter().map(|c| c.width).sum::<f32>().max(1.0);
    let mut out = format!("<table class=\"grid {}\">\n<colgroup>", size_class(t.size));
    for c in &t.columns {
        // The `width` attribute, not a style: allowed under the CSP.
        out.push_str(&format!("<col width=\"{:.1}%\">", c.width / total * 100.0));
    }
    out.push_str("</colgroup>\n<thead>\n");
    for row in &t.header {
        out.push_str("<tr>");
        for c in row {
            out.push_str(&cell("th", c, Align::Center));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        let mut col = 0;
        for c in row {
            let a = t.columns.get(col).map(|x| x.align).unwrap_or(Align::Left);
            out.push_str(&cell("td", c, a));
            col += c.colspan;
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The chart as inline SVG (vector, prints sharply; presentation attributes, no styles).
fn chart(ch: &Chart) -> String {
    const COLORS: [&str; 3] = ["#1f3f7a", "#8caad6", "#d67e2c"];
    let (w, h, left, top, plot_h) = (600.0_f64, 250.0_f64, 50.0, 30.0, 160.0);
    let max = ch
        .series
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let n = ch.categories.len().max(1) as f64;
    let plot_w = w - left - 10.0;
    let group = plot_w / n;
    let series = ch.series.len().max(1) as f64;
    let bar = (group * 0.7 / series).min(40.0);
    let mut s = format!(
        "<figure class=\"chart\"><figcaption>{}</figcaption>\n<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        esc(&ch.title),
        esc(&ch.title)
    );
    let base = top + plot_h;
    s.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#000\" stroke-width=\"0.8\"/>",
        left + plot_w
    ));
    for (i, (name, _)) in ch.series.iter().enumerate() {
        let x = left + i as f64 * 140.0;
        s.push_str(&format!(
            "<rect x=\"{x}\" y=\"6\" width=\"10\" height=\"8\" fill=\"{}\"/><text x=\"{}\" y=\"14\" font-size=\"10\">{}</text>",
            COLORS[i % 3],
            x + 14.0,
            esc(name)
        ));
    }
    for (ci, cat) in ch.categories.iter().enumerate() {
        let gx = left + ci as f64 * group;
        let x0 = gx + (group - bar * series) / 2.0;
        for (si, (_, values)) in ch.series.iter().enumerate() {
            let v = values.get(ci).copied().unwrap_or(0.0);
            let bh = v / max * plot_h;
            let x = x0 + si as f64 * bar;
            s.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\" text-anchor=\"middle\">{}</text>",
                base - bh,
                bar - 1.0,
                COLORS[si % 3],
                x + bar / 2.0,
                base - bh - 2.0,
                crate::rules::format_vnd(v.round() as i64)
            ));
        }
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\">{}</text>",
            gx + group / 2.0,
            base + 12.0,
            esc(cat)
        ));
    }
    s.push_str("</svg></figure>\n");
    s
}

fn closing(c: &Closing) -> String {
    let mut s = String::from(
        "<div class=\"closing\"><div class=\"recipients\"><p class=\"s12 b i\">Nơi nhận:</p>",
    );
    let n = c.recipients.len();
    for (i, r) in c.recipients.iter().enumerate() {
        let end = if i + 1 == n { "." } else { ";" };
        s.push_str(&format!("<p class=\"s11\">- {}{end}</p>", esc(r)));
    }
    s.push_str("</div><div class=\"sign\">");
    for l in &c.sign_lines {
        s.push_str(&format!("<p class=\"b\">{}</p>", esc(&l.to_uppercase())));
    }
    s.push_str(&format!(
        "<p class=\"signature-space\"></p><p class=\"b\">{}</p></div></div>\n",
        esc(&c.signer_name)
    ));
    s
}

const STYLE: &str = r#"
*{box-sizing:border-box}
body{font-family:"Times New Roman","Liberation Serif",Tinos,serif;font-size:14pt;color:#000;background:#fff;margin:0}
.sheet{max-width:210mm;margin:0 auto;padding:20mm 15mm 20mm 30mm;background:#fff}
.landscape .sheet{max-width:297mm}
p{margin:0 0 6pt 0;line-height:1.15}
.al{text-align:left}.ac{text-align:center}.ar{text-align:right}.aj{text-align:justify}
.ind{text-indent:10mm}.keep{break-after:avoid;page-break-after:avoid}
.b{font-weight:bold}.i{font-style:italic}
.s11{font-size:11pt}.s12{font-size:12pt}.s13{font-size:13pt}.s14{font-size:14pt}
.head{display:flex;justify-content:space-between;gap:4mm}
.head .left{flex:0 0 40%;text-align:center;font-size:13pt}
.head .right{flex:1;text-align:center}
.head p{margin:0}
.nation{font-size:12pt;font-weight:bold}.motto{font-size:13pt;font-weight:bold}
.rule{border:0;border-top:0.6pt solid #000;margin:2pt auto 6pt auto;width:33%}
.motto-rule{width:62%}
.place{font-style:italic;font-size:14pt}
.title{margin-top:14pt;text-align:center;font-weight:bold}
.summary{text-align:center;font-weight:bold;margin:0}
table.grid{width:100%;border-collapse:collapse;margin:0 0 10pt 0}
table.grid th,table.grid td{border:0.6pt solid #000;padding:2.5pt 3pt;vertical-align:middle}
table.grid th{font-weight:bold;text-align:center}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
.chart{margin:6pt 0 10pt 0;break-inside:avoid}
.chart figcaption{text-align:center;font-weight:bold;font-size:12pt}
.chart svg{width:100%;height:auto;font-family:inherit}
.closing{display:flex;break-inside:avoid;page-break-inside:avoid;margin-top:6pt}
.recipients{flex:0 0 45%}.recipients p{margin:0}
.sign{flex:1;text-align:center}.sign p{margin:0}
.signature-space{height:72pt}
.page-break{break-before:page;page-break-before:always;height:0;margin:0}
@media screen{body{background:#e5e5e5}.sheet{margin:8mm auto;box-shadow:0 0 4mm rgba(0,0,0,.25)}}
@media print{.sheet{max-width:none;padding:0;margin:0;box-shadow:none}}
"#;

/// A whole page to open in a browser or the print preview: the stylesheet in `<head>`.
pub fn render(d: &Document) -> String {
    let orientation = if d.landscape { "landscape" } else { "portrait" };
    let mut s =
        String::from("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str(&format!("<title>{}</title>\n<style>", esc(&d.title)));
    s.push_str(&stylesheet(d.landscape));
    s.push_str("</style>\n</head>\n");
    s.push_str(&format!("<body class=\"{orientation}\">\n"));
    s.push_str(&sheet(d));
    s.push_str("</body>\n</html>\n");
    s
}

/// The stylesheet of [`sheet`] for the app's on-screen preview: every rule confined to
/// elements under `scope` (the preview's container), so the document's `.title` or `p` rules
/// never restyle the app around it. `body` becomes the container itself. Written to
/// `ui/src/report-preview.css` by a test (the app's CSP allows only its own style files).
pub fn scoped_stylesheet(scope: &str) -> String {
    fn scope_rules(css: &str, scope: &str, out: &mut String) {
        let mut rest = css.trim();
        while let Some(open) = rest.find('{') {
            let head = rest[..open].trim();
            if head.starts_with('@') {
                // A group rule (@media): its body is a list of rules, up to the matching brace.
                let mut depth = 0;
                let mut end = open;
                for (i, c) in rest[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + i;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                out.push_str(head);
                out.push('{');
                scope_rules(&rest[open + 1..end], scope, out);
                out.push_str("}\n");
                rest = rest[end + 1..].trim_start();
            } else {
                let close = rest[open..].find('}').map_or(rest.len(), |i| open + i);
                let selectors: Vec<String> = head
                    .split(',')
                    .map(|sel| {
                        let sel = sel.trim();
                        match sel.strip_prefix("body") {
                            Some(after) => format!("{scope}{after}"),
                            None => format!("{scope} {sel}"),
                        }
                    })
                    .collect();
                out.push_str(&selectors.join(","));
                out.push_str(&rest[open..=close.min(rest.len() - 1)]);
                out.push('\n');
                rest = rest[(close + 1).min(rest.len())..].trim_start();
            }
        }
    }
    let mut out = String::new();
    scope_rules(STYLE, scope, &mut out);
    out
}

/// The stylesheet of [`sheet`]: where a page may not carry a `<style>` element (the app's
/// CSP allows only its own stylesheet files) it is served as a file.
pub fn stylesheet(landscape: bool) -> String {
    let orientation = if landscape { "landscape" } else { "portrait" };
    format!(
        "{STYLE}@page{{size:A4 {orientation};margin:{:.0}mm {:.0}mm {:.0}mm {:.0}mm}}\n",
        page::TOP / page::MM,
        page::RIGHT / page::MM,
        page::BOTTOM / page::MM,
        page::LEFT / page::MM
    )
}

/// The document itself, one `<div class="sheet">`, classes only.
pub fn sheet(d: &Document) -> String {
    let mut s = String::from("<div class=\"sheet\">\n");
    s.push_str("<div class=\"head\"><div class=\"left\">");
    if !d.parent.is_empty() {
        s.push_str(&format!("<p>{}</p>", esc(&d.parent.to_uppercase())));
    }
    s.push_str(&format!(
        "<p class=\"b\">{}</p><hr class=\"rule\">",
        esc(&d.issuer.to_uppercase())
    ));
    if !d.number.is_empty() {
        s.push_str(&format!("<p>{}</p>", esc(&d.number)));
    }
    s.push_str("</div><div class=\"right\"><p class=\"nation\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p class=\"motto\">Độc lập - Tự do - Hạnh phúc</p><hr class=\"rule motto-rule\">");
    s.push_str(&format!(
        "<p class=\"place\">{}</p></div></div>\n",
        esc(&d.place_date)
    ));
    s.push_str(&format!(
        "<p class=\"title\">{}</p>\n",
        esc(&d.title.to_uppercase())
    ));
    for line in &d.summary {
        s.push_str(&format!("<p class=\"summary\">{}</p>\n", esc(line)));
    }
    if !d.summary.is_empty() {
        s.push_str("<hr class=\"rule\">\n");
    }
    for b in &d.blocks {
        match b {
            Block::Para(p) => s.push_str(&para(p)),
            Block::Table(t) => s.push_str(&table(t)),
            Block::Chart(c) => s.push_str(&chart(c)),
            Block::PageBreak => s.push_str("<div class=\"page-break\"></div>\n"),
            Block::Closing(c) => s.push_str(&closing(c)),
        }
    }
    s.push_str("</div>\n");
    s
}
