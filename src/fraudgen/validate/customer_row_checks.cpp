// customers: id, CPF, bank and address of one row.
#include "fraudgen/schema/columns.h"
#include "fraudgen/validate/row_checks.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {

namespace col = customer_col;

void check_cpf(const CheckContext& ctx, const RowRef& r) {
  ctx.checked(Check::Cpf);
  if (!r.valid(col::cpf)) return;
  const State* state = r.valid(col::address_state) ? ctx.index.state(r.str(col::address_state)) : nullptr;
  if (auto expected = cpf_problem(r.str(col::cpf), state)) ctx.fail(Check::Cpf, r, col::cpf, std::move(*expected));
}

void check_bank(const CheckContext& ctx, const RowRef& r) {
  ctx.checked(Check::Banks);
  if (!r.valid(col::bank_code)) return;
  const Bank* bank = ctx.index.bank(r.str(col::bank_code));
  if (!bank) return ctx.fail(Check::Banks, r, col::bank_code, "a COMPE code of data/banks.csv");
  if (r.valid(col::bank_ispb) && r.str(col::bank_ispb) != bank->ispb)
    ctx.fail(Check::Banks, r, col::bank_ispb, bank->ispb + ", the ISPB of bank " + bank->code);
  if (r.valid(col::bank_name) && r.str(col::bank_name) != bank->name)
    ctx.fail(Check::Banks, r, col::bank_name, bank->name + ", the name of bank " + bank->code);
}

void check_address(const CheckContext& ctx, const RowRef& r) {
  const Municipality* m = check_municipality(ctx, r, col::address_ibge_code, col::address_city, col::address_state);
  if (!m) return;
  if (r.valid(col::address_postal_code)) {
    const std::string_view cep = r.str(col::address_postal_code);
    const bool formed = cep.size() == 9 && cep[5] == '-' && all_digits(cep.substr(0, 5)) && all_digits(cep.substr(6));
    const int value = formed ? std::stoi(std::string(cep.substr(0, 5)) + std::string(cep.substr(6))) : -1;
    if (value < m->cep_min || value > m->cep_max) {
      char range[40];
      std::snprintf(range, sizeof range, "%05d-%03d to %05d-%03d", m->cep_min / 1000, m->cep_min % 1000, m->cep_max / 1000, m->cep_max % 1000);
      ctx.fail(Check::Geography, r, col::address_postal_code, "NNNNN-NNN from " + std::string(range) + " (" + m->name + ")");
    }
  }
  if (r.valid(col::phone)) {
    const std::string_view phone = r.str(col::phone);  // +55 (DD) 9XXXX-XXXX
    const bool formed = phone.size() == 19 && phone.starts_with("+55 (") && phone[7] == ')' && phone[8] == ' ' && phone[9] == '9' &&
                        phone[14] == '-' && all_digits(phone.substr(5, 2)) && all_digits(phone.substr(10, 4)) && all_digits(phone.substr(15));
    char expected[64];
    std::snprintf(expected, sizeof expected, "+55 (%02d) 9XXXX-XXXX, the DDD of %s", m->ddd, m->name.c_str());
    if (!formed || std::stoi(std::string(phone.substr(5, 2))) != m->ddd) ctx.fail(Check::Geography, r, col::phone, expected);
  }
}

}  // namespace

void check_customer_row(const CheckContext& ctx, const RowRef& r) {
  ctx.checked(Check::IdFormats);
  if (r.valid(col::customer_id)) {
    auto n = numbered_id(r.str(col::customer_id), "CUST_", 12);
    if (!n || *n < 1 || *n > ctx.dataset.customers)
      ctx.fail(Check::IdFormats, r, col::customer_id, "CUST_ + 12 digits, 1 to " + std::to_string(ctx.dataset.customers));
  }
  check_cpf(ctx, r);
  check_bank(ctx, r);
  check_address(ctx, r);
}

}  // namespace fraudgen::validate
