#include "fraudgen/validate/reference_index.h"

#include "fraudgen/schema/vocabulary.h"

namespace fraudgen::validate {

ReferenceIndex::ReferenceIndex(const ReferenceData& r) : ref(r) {
  for (const Municipality& m : r.municipalities) municipality_by_ibge[m.ibge_code] = &m;
  for (const Bank& b : r.banks) {
    bank_by_code[b.code] = &b;
    ispbs.insert(b.ispb);
  }
  for (const DeviceModel& m : r.device_models)
    models.emplace(std::string(vocab::kDeviceKind[static_cast<size_t>(m.kind)]), m.manufacturer, m.model);
  for (size_t k = 0; k < r.device_os.size(); ++k)
    for (const std::string& os : r.device_os[k].names) systems.emplace(std::string(vocab::kDeviceKind[k]), os);
  for (const State& s : r.states) state_by_uf[s.uf] = &s;
}

const Municipality* ReferenceIndex::municipality(std::string_view ibge) const {
  auto it = municipality_by_ibge.find(std::string(ibge));
  return it == municipality_by_ibge.end() ? nullptr : it->second;
}

const Bank* ReferenceIndex::bank(std::string_view code) const {
  auto it = bank_by_code.find(std::string(code));
  return it == bank_by_code.end() ? nullptr : it->second;
}

const State* ReferenceIndex::state(std::string_view uf) const {
  auto it = state_by_uf.find(std::string(uf));
  return it == state_by_uf.end() ? nullptr : it->second;
}

}  // namespace fraudgen::validate
