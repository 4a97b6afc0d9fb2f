// The folder a run keeps its temporary files in: --spill-dir, else TMPDIR, else /tmp. Checked
// before anything is simulated: it must be a folder this user can make a file in.
#pragma once
#include <filesystem>
#include <string>

namespace fraudgen {

// Throws UsageError saying what is wrong and what `--spill-dir` accepts; `needs` says what the
// files hold (for the message).
std::filesystem::path resolve_spill_folder(const std::string& given, const std::string& needs);

}  // namespace fraudgen
