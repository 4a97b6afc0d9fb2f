#include "fraudgen/report/write_report.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "fraudgen/report/dataset_scan.h"
#include "fraudgen/report/report_page.h"

namespace fraudgen::report {

namespace {

void write_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(temporary, ec);
      throw std::runtime_error("cannot write " + path);
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    throw std::runtime_error("cannot write " + path + ": " + ec.message());
  }
}

}  // namespace

ReportOutcome write_report(std::shared_ptr<validate::DatasetStore> store, const ReportOptions& options) {
  nlohmann::json first_manifest;
  const validate::Dataset dataset = validate::load_dataset(store, [&](const std::string&, const nlohmann::json& m) {
    if (first_manifest.is_null()) first_manifest = m;
  });
  std::optional<validate::ValidationResult> validation;
  if (options.validate) validation = validate::validate_dataset(store, validate::ValidateOptions{});
  const DatasetScan scan = scan_dataset(dataset, options.workers, options.progress);
  const ReportPage page = render_report({dataset, first_manifest, scan, validation ? &*validation : nullptr});
  if (!options.json_path.empty()) write_atomically(options.json_path, page.data.dump(1) + "\n");
  write_atomically(options.html_path, page.html);
  ReportOutcome outcome;
  outcome.rows = scan.transactions.rows + scan.rides.rows + scan.customers;
  outcome.bytes = scan.bytes;
  outcome.scan_seconds = scan.seconds;
  outcome.html_bytes = page.html.size();
  outcome.validated = validation.has_value();
  outcome.violations = validation ? validation->report.total_violations() : 0;
  return outcome;
}

}  // namespace fraudgen::report
