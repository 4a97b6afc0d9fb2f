#include "fraudgen/validate/file_integrity.h"

#include <string>

#include "fraudgen/core/sha256.h"

namespace fraudgen::validate {

std::vector<FileIntegrity> measure_files(const Dataset& dataset) {
  std::vector<FileIntegrity> out;
  std::string buf(1 << 20, '\0');
  for (const DatasetFile& f : dataset.files) {
    FileIntegrity m{&f, false, 0, {}, {}};
    try {
      if (dataset.store->size_of(f.path)) {
        const std::unique_ptr<RandomAccessFile> in = dataset.store->open(f.path);
        m.exists = true;
        Sha256 hash;
        while (const size_t n = in->read_at(m.bytes, buf.data(), buf.size())) {
          hash.update(std::string_view(buf.data(), n));
          m.bytes += n;
        }
        m.sha256 = hash.hex_digest();
      }
    } catch (const std::exception& e) {
      m.error = e.what();
    }
    out.push_back(std::move(m));
  }
  return out;
}

void check_file_integrity(const CheckContext& ctx, const std::vector<FileIntegrity>& measured) {
  for (const FileIntegrity& m : measured) {
    const DatasetFile& f = *m.file;
    ctx.report.checked(Check::ManifestFiles, f.rows);
    if (!m.error.empty()) {
      ctx.report.violation(Check::ManifestFiles, {f.path, 0, "", "unreadable", "a readable file: " + m.error});
      continue;
    }
    if (!m.exists) {
      ctx.report.violation(Check::ManifestFiles, {f.path, 0, "", "missing", "the file listed in the manifest"});
      continue;
    }
    if (m.bytes != f.bytes)
      ctx.report.violation(Check::ManifestFiles, {f.path, 0, "bytes", std::to_string(m.bytes), std::to_string(f.bytes) + " bytes, as in the manifest"});
    if (m.sha256 != f.sha256) ctx.report.violation(Check::ManifestFiles, {f.path, 0, "sha256", m.sha256, f.sha256 + ", as in the manifest"});
  }
  for (const ManifestTotal& t : ctx.dataset.totals)
    if (t.declared != t.summed)
      ctx.report.violation(Check::ManifestFiles, {t.manifest, 0, t.figure, std::to_string(t.declared),
                                                  std::to_string(t.summed) + ", the sum over the manifest's files"});
}

}  // namespace fraudgen::validate
