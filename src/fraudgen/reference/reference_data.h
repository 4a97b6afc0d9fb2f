// Brazilian reference tables (data/*.csv, compiled in), parsed once at start-up into immutable
// tables with O(1) weighted samplers. Shared read-only by all workers.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "fraudgen/core/alias_table.h"

namespace fraudgen {

struct State {
  std::string uf, name, region, capital;
  double capital_lat, capital_lon, population_weight, income_multiplier, fraud_multiplier;
  int cpf_region_digit;
  std::vector<uint32_t> municipalities;  // indices into ReferenceData::municipalities
  AliasTable municipality_sampler;       // by population
};

struct Municipality {
  std::string ibge_code, name, uf;
  uint32_t state;
  double lat, lon;
  int64_t population;
  int32_t cep_min, cep_max;  // 8-digit CEP as an integer
  int ddd;
};

struct Bank { std::string code, ispb, name, type; double weight; };

struct Mcc {
  std::string code, category;
  int risk;  // index into vocab::kMccRisk
  int64_t min_cents, max_cents;
  double weight;
  std::vector<uint32_t> merchants;  // indices into ReferenceData::merchants
  AliasTable merchant_sampler;      // Zipf over brands, split across each brand's stores
};

struct Merchant { uint32_t mcc; std::string id, name; };

struct DeviceModel { int kind; std::string manufacturer, model; };

struct WeightedNames {
  std::vector<std::string> names;
  AliasTable sampler;
};

struct ReferenceData {
  std::vector<State> states;
  AliasTable state_sampler;
  std::vector<Municipality> municipalities;
  std::vector<Bank> banks;
  AliasTable bank_sampler;
  std::vector<Mcc> mccs;
  AliasTable mcc_sampler;
  std::vector<Merchant> merchants;
  std::vector<DeviceModel> device_models;
  std::array<AliasTable, 6> device_model_sampler;  // per vocab::DeviceKind
  std::array<std::vector<uint32_t>, 6> device_models_of_kind;
  std::array<WeightedNames, 6> device_os;          // per vocab::DeviceKind
  std::array<WeightedNames, 2> first_names;        // 0 = F, 1 = M
  WeightedNames surnames;
  std::array<std::vector<std::string>, 7> professions;  // per vocab::kIncomeClass
  WeightedNames streets;                            // "Rua das Flores"
  WeightedNames neighborhoods;

  int state_index(std::string_view uf) const;       // -1 when unknown
  int mcc_index(std::string_view code) const;       // -1 when unknown
  int bank_index(std::string_view code) const;      // -1 when unknown

  // Parses the embedded CSVs; throws std::runtime_error naming the file and line on bad data.
  static ReferenceData load();
};

}  // namespace fraudgen
