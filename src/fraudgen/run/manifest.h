// manifest.json: what was asked, what was planned and what was written, with checksums.
// Written last, atomically: its presence means the dataset is complete.
#pragma once
#include <string>
#include <vector>

#include "fraudgen/run/executor.h"

namespace fraudgen {

std::string manifest_file_name(const RunConfig& cfg);
// The seed, schema version and configuration as JSON: what run_difference() compares.
std::string run_identity(const RunConfig& cfg);
std::string render_manifest(const RunConfig& cfg, const Plan& plan, const std::vector<FileResult>& files, double seconds);

}  // namespace fraudgen
