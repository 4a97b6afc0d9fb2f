#include "fraudgen/report/report_page.h"

#include <map>

#include "fraudgen/report/number_text.h"
#include "fraudgen/report/svg/figure.h"

namespace fraudgen::report {

namespace {

using nlohmann::json;
using svg::escape;

// No request of any kind: no script, font, image, frame or connection; inline styles only.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; connect-src 'none'; "
    "font-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'";

constexpr const char* kStyle = R"css(
:root{--fg:#1d2530;--muted:#5b6675;--bg:#fff;--card:#f5f7fa;--grid:#e1e5eb;--s0:#3f6fb5;--s1:#d1495b;--s2:#edae49;--s3:#00798c;
--s4:#6b4c9a;--s5:#66a182;--s6:#8d6a9f;--s7:#a0a0a0;--heat:#b5333f}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ee;--muted:#a3adba;--bg:#14181e;--card:#1d232b;--grid:#2e3742;--s0:#7ea6e0;
--s1:#ff7b8a;--s2:#f3c270;--s3:#3fc1d3;--s4:#a98bd6;--s5:#8fd1ac;--s6:#c4a3d6;--s7:#8a8a8a;--heat:#ff7b8a}}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1400px;padding:1rem 1.5rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;border-bottom:1px solid var(--grid);padding-bottom:.2rem;margin-top:2rem}
nav a{margin-right:1rem;color:var(--s0)}p.lead,p.note,.muted{color:var(--muted)}p.note{font-size:.8rem;margin:.2rem 0 0}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}td,th{border-bottom:1px solid var(--grid);padding:.2rem .6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.pass{color:var(--s5)}.fail{color:var(--s1);font-weight:600}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:1rem;align-items:start}
figure{margin:0;background:var(--card);border-radius:6px;padding:.6rem;break-inside:avoid}figcaption{font-weight:600;font-size:.9rem}
.pair{display:contents}svg{width:100%;height:auto;display:block}
svg text{fill:var(--fg);font-size:11px}svg .tick{fill:var(--muted);font-size:10px}svg .source{fill:var(--muted);font-size:9px}
svg .axis{stroke:var(--muted)}svg .grid{stroke:var(--grid)}svg .reference{stroke:var(--fg);stroke-width:1.5;stroke-dasharray:4 3}
svg .line{fill:none;stroke-width:1.5}.c0{stroke:var(--s0)}.c1{stroke:var(--s1)}
.s0{fill:var(--s0)}.s1{fill:var(--s1)}.s2{fill:var(--s2)}.s3{fill:var(--s3)}.s4{fill:var(--s4)}.s5{fill:var(--s5)}.s6{fill:var(--s6)}.s7{fill:var(--s7)}
svg .heat{fill:var(--heat)}svg .state{fill:var(--heat);stroke:var(--bg);stroke-width:.6}svg .mark:hover{stroke:var(--fg);stroke-width:1}
@media print{body{max-width:none;padding:0;color:#000;background:#fff}nav{display:none}.charts{display:block}
figure{background:none;border:1px solid #ccc;margin:0 0 .6rem;page-break-inside:avoid}h2{page-break-after:avoid}}
)css";

std::string row(const std::string& name, const std::string& value) {
  return "<tr><th>" + escape(name) + "</th><td>" + escape(value) + "</td></tr>";
}

std::string text_of(const json& j) { return j.is_string() ? j.get<std::string>() : j.is_null() ? "none" : j.dump(); }

std::string identity_section(const ReportInput& in, json& data) {
  const validate::Dataset& d = in.dataset;
  const json& m = in.manifest;
  const json& config = m.contains("config") ? m["config"] : json::object();
  json identity = {{"fraudgen_version", m.value("fraudgen_version", "")},
                   {"build", m.value("build", "")},
                   {"seed", d.seed},
                   {"type", d.type},
                   {"format", config.value("format", "")},
                   {"compression", config.value("compression", "")},
                   {"start_date", config.value("start_date", "")},
                   {"end_date", config.value("end_date", "")},
                   {"customers", d.customers},
                   {"manifests", d.manifests},
                   {"complete", d.complete()},
                   {"config", config}};
  // Rows, bytes and files per table, from the manifests' file lists.
  std::map<std::string, std::array<uint64_t, 3>> tables;
  for (const validate::DatasetFile& f : d.files) {
    auto& t = tables[std::string(schema_of(f.table).name)];
    t[0] += f.rows, t[1] += f.bytes, ++t[2];
  }
  std::string html = "<table class=\"identity\">";
  html += row("fraudgen", identity["fraudgen_version"].get<std::string>() + " (build " + identity["build"].get<std::string>() + ")");
  html += row("seed", std::to_string(d.seed));
  html += row("type", d.type);
  html += row("format", text_of(identity["format"]) + ", compression " + text_of(identity["compression"]));
  html += row("dates", text_of(identity["start_date"]) + " to " + text_of(identity["end_date"]));
  html += row("customers", format_count(d.customers));
  if (d.banking()) {
    html += row("fraud rate", "requested " + format_fixed(d.fraud.requested_rate * 100, 2) + "%, realised " +
                                  format_fixed(d.fraud.realised_rate * 100, 3) + "% (" + format_count(d.fraud.fraudulent) + " of " +
                                  format_count(d.fraud.transactions) + " transactions, " + format_count(d.fraud.scenarios) + " scenarios)");
    identity["fraud"] = {{"requested_rate", d.fraud.requested_rate}, {"realised_rate", d.fraud.realised_rate},
                         {"transactions", d.fraud.transactions}, {"fraudulent", d.fraud.fraudulent}, {"scenarios", d.fraud.scenarios}};
  }
  if (d.rides()) {
    html += row("ride fraud rate", "requested " + format_fixed(d.ride_fraud.requested_rate * 100, 2) + "%, realised " +
                                       format_fixed(d.ride_fraud.realised_rate * 100, 3) + "% (" + format_count(d.ride_fraud.fraudulent) +
                                       " of " + format_count(d.ride_fraud.rides) + " rides)");
    identity["ride_fraud"] = {{"requested_rate", d.ride_fraud.requested_rate}, {"realised_rate", d.ride_fraud.realised_rate},
                              {"rides", d.ride_fraud.rides}, {"fraudulent", d.ride_fraud.fraudulent}};
  }
  html += row("manifests", std::to_string(d.manifests.size()) + (d.complete() ? ", complete" : ", some shards missing"));
  html += "</table><table class=\"tables\"><tr><th>table</th><th>rows</th><th>bytes</th><th>files</th></tr>";
  json tables_json = json::object();
  for (const auto& [name, t] : tables) {
    html += "<tr><td>" + escape(name) + "</td><td class=\"n\">" + format_count(t[0]) + "</td><td class=\"n\">" + format_count(t[1]) +
            "</td><td class=\"n\">" + format_count(t[2]) + "</td></tr>";
    tables_json[name] = {{"rows", t[0]}, {"bytes", t[1]}, {"files", t[2]}};
  }
  html += "</table>";
  identity["tables"] = tables_json;
  if (in.scan.transactions.outside_range)
    html += "<p class=\"note\">" + format_count(in.scan.transactions.outside_range) + " transactions fall outside the dates and are not drawn.</p>";
  if (in.scan.rides.outside_range)
    html += "<p class=\"note\">" + format_count(in.scan.rides.outside_range) + " rides fall outside the dates and are not drawn.</p>";
  data["identity"] = identity;
  return html;
}

std::string validation_section(const validate::ValidationResult& v, json& data) {
  const uint64_t violations = v.report.total_violations();
  std::string html = std::string("<p class=\"") + (violations ? "fail\">FAIL: " + format_count(violations) + " violations" : "pass\">PASS: no violations") +
                     " in " + format_count(v.summary.rows) + " rows</p>";
  html += "<table><tr><th>check</th><th>status</th><th>checked</th><th>violations</th><th>note</th></tr>";
  json checks = json::array();
  for (size_t i = 0; i < validate::kCheckCount; ++i) {
    const auto c = static_cast<validate::Check>(i);
    const validate::CheckResult& r = v.report.result(c);
    const std::string status = !r.skipped.empty() ? "skipped" : r.violations ? "fail" : "pass";
    std::string note = !r.skipped.empty() ? r.skipped : r.note;
    if (!r.examples.empty()) {
      const validate::Example& e = r.examples.front();
      note += (note.empty() ? "" : "; ") + std::string("e.g. ") + e.file + " row " + std::to_string(e.row) + " " + e.column + " '" +
              e.value + "', expected " + e.expected;
    }
    html += "<tr><td title=\"" + escape(validate::check_description(c)) + "\">" + escape(validate::check_name(c)) + "</td><td class=\"" +
            status + "\">" + status + "</td><td class=\"n\">" + format_count(r.checked) + "</td><td class=\"n\">" +
            format_count(r.violations) + "</td><td>" + escape(note.empty() ? "-" : note) + "</td></tr>";
    checks.push_back({{"check", validate::check_name(c)}, {"status", status}, {"checked", r.checked}, {"violations", r.violations}});
  }
  html += "</table>";
  data["validation"] = {{"verdict", violations ? "fail" : "pass"}, {"violations", violations}, {"checks", checks}};
  return html;
}

}  // namespace

ReportPage render_report(const ReportInput& in) {
  ReportPage page;
  json& data = page.data;
  data["charts"] = json::object();
  data["aggregates"] = json::object();
  std::vector<ReportSection> sections;
  sections.push_back({"identity", "Dataset", identity_section(in, data)});
  if (in.validation) sections.push_back({"validation", "Validation", validation_section(*in.validation, data)});
  for (ReportSection& s : chart_sections(in, data)) {
    s.html = "<div class=\"charts\">" + s.html + "</div>";
    sections.push_back(std::move(s));
  }

  std::string& html = page.html;
  html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string(kContentSecurityPolicy) + "\">"
         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
         "<meta name=\"color-scheme\" content=\"light dark\"><title>fraudgen report: seed " + std::to_string(in.dataset.seed) +
         "</title><style>" + kStyle + "</style></head><body>\n";
  html += "<h1>fraudgen dataset report</h1><p class=\"lead\">What this dataset holds and how it compares with the references it "
          "was generated from. Every number comes from one pass over the data files; hover a mark for its value. The numbers are "
          "also in the JSON at the end of this file.</p><nav>";
  for (const ReportSection& s : sections) html += "<a href=\"#" + s.id + "\">" + escape(s.title) + "</a>";
  html += "</nav>\n";
  for (const ReportSection& s : sections) html += "<section id=\"" + s.id + "\"><h2>" + escape(s.title) + "</h2>\n" + s.html + "</section>\n";
  std::string json_text = data.dump();
  // "</" inside a script element would end it; "<\/" is the same JSON string.
  for (size_t at = json_text.find("</"); at != std::string::npos; at = json_text.find("</", at + 3)) json_text.replace(at, 2, "<\\/");
  html += "<script type=\"application/json\" id=\"report-data\">" + json_text + "</script>\n</body></html>\n";
  return page;
}

}  // namespace fraudgen::report
