#include "fraudgen/reference/reference_data.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "fraudgen/reference/csv_table.h"
#include "fraudgen/reference/embedded_data.h"
#include "fraudgen/schema/vocabulary.h"

namespace fraudgen {
namespace {

std::string_view file(std::string_view name) { return embedded_file(name); }

template <size_t N>
int vocab_index(const std::array<std::string_view, N>& v, std::string_view s) {
  for (size_t i = 0; i < N; ++i) if (v[i] == s) return static_cast<int>(i);
  return -1;
}

int64_t cents(double reais) { return static_cast<int64_t>(std::llround(reais * 100.0)); }

void load_states(ReferenceData& r) {
  CsvTable t("states.csv", file("states.csv"),
             {"uf", "name", "region", "capital", "capital_lat", "capital_lon", "population_weight", "income_multiplier",
              "cpf_region_digit", "fraud_state_multiplier"});
  std::vector<double> w;
  for (size_t i = 0; i < t.rows(); ++i) {
    State s{t.text(i, 0), t.text(i, 1), t.text(i, 2), t.text(i, 3), t.number(i, 4), t.number(i, 5), t.number(i, 6),
            t.number(i, 7), t.number(i, 9), static_cast<int>(t.integer(i, 8)), {}, {}};
    if (s.uf.size() != 2) t.fail(i, "uf must have 2 letters");
    if (s.cpf_region_digit < 0 || s.cpf_region_digit > 9) t.fail(i, "cpf_region_digit must be 0-9");
    w.push_back(s.population_weight);
    r.states.push_back(std::move(s));
  }
  if (r.states.size() != 27) throw std::runtime_error("states.csv must list the 27 federative units");
  r.state_sampler = AliasTable(w);
}

void load_municipalities(ReferenceData& r) {
  CsvTable t("municipalities.csv", file("municipalities.csv"),
             {"ibge_code", "name", "uf", "lat", "lon", "population", "cep_min", "cep_max", "ddd"});
  for (size_t i = 0; i < t.rows(); ++i) {
    int st = r.state_index(t.at(i, 2));
    if (st < 0) t.fail(i, "unknown uf");
    Municipality m{t.text(i, 0), t.text(i, 1), t.text(i, 2), static_cast<uint32_t>(st), t.number(i, 3), t.number(i, 4),
                   t.integer(i, 5), static_cast<int32_t>(t.integer(i, 6)), static_cast<int32_t>(t.integer(i, 7)),
                   static_cast<int>(t.integer(i, 8))};
    if (m.ibge_code.size() != 7) t.fail(i, "ibge_code must have 7 digits");
    if (m.cep_min > m.cep_max || m.cep_min < 1000000 || m.cep_max > 99999999) t.fail(i, "bad CEP range");
    if (m.ddd < 11 || m.ddd > 99) t.fail(i, "bad DDD");
    r.states[static_cast<size_t>(st)].municipalities.push_back(static_cast<uint32_t>(r.municipalities.size()));
    r.municipalities.push_back(std::move(m));
  }
  for (auto& s : r.states) {
    if (s.municipalities.empty()) throw std::runtime_error("municipalities.csv has no municipality in " + s.uf);
    std::vector<double> w;
    for (uint32_t m : s.municipalities) w.push_back(static_cast<double>(r.municipalities[m].population));
    s.municipality_sampler = AliasTable(w);
  }
}

void load_banks(ReferenceData& r) {
  CsvTable t("banks.csv", file("banks.csv"), {"compe_code", "ispb", "name", "type", "weight"});
  std::vector<double> w;
  for (size_t i = 0; i < t.rows(); ++i) {
    Bank b{t.text(i, 0), t.text(i, 1), t.text(i, 2), t.text(i, 3), t.number(i, 4)};
    if (b.code.size() != 3) t.fail(i, "compe_code must have 3 digits");
    if (b.ispb.size() != 8) t.fail(i, "ispb must have 8 digits");
    w.push_back(b.weight);
    r.banks.push_back(std::move(b));
  }
  r.bank_sampler = AliasTable(w);
}

void load_mccs(ReferenceData& r) {
  CsvTable t("mcc.csv", file("mcc.csv"), {"mcc", "category", "risk", "min_amount", "max_amount", "weight"});
  std::vector<double> w;
  for (size_t i = 0; i < t.rows(); ++i) {
    int risk = vocab_index(vocab::kMccRisk, t.at(i, 2));
    if (risk < 0) t.fail(i, "risk must be low, medium or high");
    Mcc m{t.text(i, 0), t.text(i, 1), risk, cents(t.number(i, 3)), cents(t.number(i, 4)), t.number(i, 5), {}, {}};
    if (m.code.size() != 4) t.fail(i, "mcc must have 4 digits");
    if (m.min_cents <= 0 || m.min_cents >= m.max_cents) t.fail(i, "need 0 < min_amount < max_amount");
    w.push_back(m.weight);
    r.mccs.push_back(std::move(m));
  }
  r.mcc_sampler = AliasTable(w);

  // Stores: the brand at rank k has max(1, 48 / (k + 1)) stores; brand weight 1 / (k + 1)^0.9
  // is split across them, so a few chains dominate, as in real card data.
  CsvTable m("merchants.csv", file("merchants.csv"), {"mcc", "rank", "brand"});
  std::vector<std::vector<std::pair<long long, std::string>>> brands(r.mccs.size());
  for (size_t i = 0; i < m.rows(); ++i) {
    int mcc = r.mcc_index(m.at(i, 0));
    if (mcc < 0) m.fail(i, "unknown mcc");
    brands[static_cast<size_t>(mcc)].emplace_back(m.integer(i, 1), m.text(i, 2));
  }
  for (size_t c = 0; c < r.mccs.size(); ++c) {
    auto& list = brands[c];
    if (list.empty()) throw std::runtime_error("merchants.csv has no brand for mcc " + r.mccs[c].code);
    std::sort(list.begin(), list.end());
    std::vector<double> weights;
    int seq = 0;
    for (size_t k = 0; k < list.size(); ++k) {
      int stores = std::max(1, static_cast<int>(48 / (k + 1)));
      double per_store = 1.0 / std::pow(static_cast<double>(k + 1), 0.9) / stores;
      for (int s = 0; s < stores; ++s) {
        char id[16];
        std::snprintf(id, sizeof id, "M%s%05d", r.mccs[c].code.c_str(), ++seq);
        r.mccs[c].merchants.push_back(static_cast<uint32_t>(r.merchants.size()));
        r.merchants.push_back({static_cast<uint32_t>(c), id, list[k].second});
        weights.push_back(per_store);
      }
    }
    r.mccs[c].merchant_sampler = AliasTable(weights);
  }
}

void load_devices(ReferenceData& r) {
  CsvTable t("device_models.csv", file("device_models.csv"), {"device_kind", "manufacturer", "model", "weight"});
  std::array<std::vector<double>, 6> w;
  for (size_t i = 0; i < t.rows(); ++i) {
    int kind = vocab_index(vocab::kDeviceKind, t.at(i, 0));
    if (kind < 0) t.fail(i, "unknown device_kind");
    r.device_models_of_kind[static_cast<size_t>(kind)].push_back(static_cast<uint32_t>(r.device_models.size()));
    r.device_models.push_back({kind, t.text(i, 1), t.text(i, 2)});
    w[static_cast<size_t>(kind)].push_back(t.number(i, 3));
  }
  CsvTable o("device_os.csv", file("device_os.csv"), {"device_kind", "operating_system", "weight"});
  std::array<std::vector<double>, 6> ow;
  for (size_t i = 0; i < o.rows(); ++i) {
    int kind = vocab_index(vocab::kDeviceKind, o.at(i, 0));
    if (kind < 0) o.fail(i, "unknown device_kind");
    r.device_os[static_cast<size_t>(kind)].names.push_back(o.text(i, 1));
    ow[static_cast<size_t>(kind)].push_back(o.number(i, 2));
  }
  for (size_t k = 0; k < 6; ++k) {
    if (w[k].empty() || ow[k].empty())
      throw std::runtime_error("device tables need models and OS versions for " + std::string(vocab::kDeviceKind[k]));
    r.device_model_sampler[k] = AliasTable(w[k]);
    r.device_os[k].sampler = AliasTable(ow[k]);
  }
}

WeightedNames load_names(std::string_view name, std::vector<std::string_view> header, size_t name_col, size_t weight_col) {
  CsvTable t(name, file(name), std::move(header));
  WeightedNames out;
  std::vector<double> w;
  for (size_t i = 0; i < t.rows(); ++i) {
    out.names.push_back(t.text(i, name_col));
    w.push_back(t.number(i, weight_col));
  }
  out.sampler = AliasTable(w);
  return out;
}

void load_people(ReferenceData& r) {
  CsvTable t("first_names.csv", file("first_names.csv"), {"name", "sex", "count"});
  std::array<std::vector<double>, 2> w;
  for (size_t i = 0; i < t.rows(); ++i) {
    int sex = vocab_index(vocab::kSex, t.at(i, 1));
    if (sex < 0) t.fail(i, "sex must be F or M");
    r.first_names[static_cast<size_t>(sex)].names.push_back(t.text(i, 0));
    w[static_cast<size_t>(sex)].push_back(t.number(i, 2));
  }
  for (size_t s = 0; s < 2; ++s) r.first_names[s].sampler = AliasTable(w[s]);
  r.surnames = load_names("surnames.csv", {"surname", "count"}, 0, 1);

  CsvTable p("professions.csv", file("professions.csv"), {"income_class", "profession"});
  for (size_t i = 0; i < p.rows(); ++i) {
    int cls = vocab_index(vocab::kIncomeClass, p.at(i, 0));
    if (cls < 0) p.fail(i, "unknown income_class");
    r.professions[static_cast<size_t>(cls)].push_back(p.text(i, 1));
  }
  for (size_t c = 0; c < r.professions.size(); ++c)
    if (r.professions[c].empty()) throw std::runtime_error("professions.csv has no profession for class " + std::string(vocab::kIncomeClass[c]));

  CsvTable s("street_names.csv", file("street_names.csv"), {"street_type", "name", "weight"});
  std::vector<double> sw;
  for (size_t i = 0; i < s.rows(); ++i) {
    r.streets.names.push_back(s.text(i, 0) + " " + s.text(i, 1));
    sw.push_back(s.number(i, 2));
  }
  r.streets.sampler = AliasTable(sw);
  r.neighborhoods = load_names("neighborhoods.csv", {"name", "weight"}, 0, 1);
}

}  // namespace

int ReferenceData::state_index(std::string_view uf) const {
  for (size_t i = 0; i < states.size(); ++i) if (states[i].uf == uf) return static_cast<int>(i);
  return -1;
}
int ReferenceData::mcc_index(std::string_view code) const {
  for (size_t i = 0; i < mccs.size(); ++i) if (mccs[i].code == code) return static_cast<int>(i);
  return -1;
}
int ReferenceData::bank_index(std::string_view code) const {
  for (size_t i = 0; i < banks.size(); ++i) if (banks[i].code == code) return static_cast<int>(i);
  return -1;
}

ReferenceData ReferenceData::load() {
  ReferenceData r;
  load_states(r);
  load_municipalities(r);
  load_banks(r);
  load_mccs(r);
  load_devices(r);
  load_people(r);
  return r;
}

}  // namespace fraudgen
