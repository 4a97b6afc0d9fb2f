// `fraudgen report`'s page: one self-contained HTML file (inline CSS and SVG, no script to run, a
// content-security policy that forbids every request) and the aggregates behind it as JSON, both
// a function of the dataset alone: no clock, no paths of the machine, no worker count.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "fraudgen/report/dataset_scan.h"
#include "fraudgen/validate/dataset.h"
#include "fraudgen/validate/validator.h"

namespace fraudgen::report {

struct ReportInput {
  const validate::Dataset& dataset;
  const nlohmann::json& manifest;                 // the first manifest read (identity, configuration)
  const DatasetScan& scan;
  const validate::ValidationResult* validation;   // with --validate
};

struct ReportSection {
  std::string id, title, html;
};

struct ReportPage {
  std::string html;
  nlohmann::json data;  // embedded in the page and written by --json
};

ReportPage render_report(const ReportInput& input);

// The chart sections and their aggregates: the transactions' (report_sections.cpp) when the
// dataset has them, then the rides' (ride_sections.cpp); each adds its charts to data["charts"]
// (id -> {"marks": n, ...}) and its numbers to data["aggregates"] (the rides' under "rides").
std::vector<ReportSection> chart_sections(const ReportInput& input, nlohmann::json& data);
std::vector<ReportSection> transaction_sections(const ReportInput& input, nlohmann::json& data);
std::vector<ReportSection> ride_sections(const ReportInput& input, nlohmann::json& data);

}  // namespace fraudgen::report
