// The reference tables (data/*.csv, shared with the generator as data, not code) indexed by the
// keys the checks look up: IBGE code, COMPE code, device kind and model.
#pragma once
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

#include "fraudgen/reference/reference_data.h"

namespace fraudgen::validate {

struct ReferenceIndex {
  explicit ReferenceIndex(const ReferenceData& ref);
  const ReferenceData& ref;
  std::unordered_map<std::string, const Municipality*> municipality_by_ibge;
  std::unordered_map<std::string, const Bank*> bank_by_code;
  std::set<std::string> ispbs;
  std::set<std::tuple<std::string, std::string, std::string>> models;  // kind, manufacturer, model
  std::set<std::pair<std::string, std::string>> systems;               // kind, operating system
  std::unordered_map<std::string, const State*> state_by_uf;

  const Municipality* municipality(std::string_view ibge) const;
  const Bank* bank(std::string_view code) const;
  const State* state(std::string_view uf) const;
};

}  // namespace fraudgen::validate
