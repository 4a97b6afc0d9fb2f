// A municipality named by its IBGE code, and the name and state written beside it.
#include "fraudgen/validate/row_checks.h"

namespace fraudgen::validate {

const Municipality* check_municipality(const CheckContext& ctx, const RowRef& r, int ibge, int name, int state) {
  ctx.checked(Check::Geography);
  if (!r.valid(ibge)) return nullptr;
  const Municipality* m = ctx.index.municipality(r.str(ibge));
  if (!m) {
    ctx.fail(Check::Geography, r, ibge, "an IBGE code of data/municipalities.csv");
    return nullptr;
  }
  if (r.valid(name) && r.str(name) != m->name) ctx.fail(Check::Geography, r, name, m->name + ", the municipality of IBGE " + m->ibge_code);
  if (r.valid(state) && r.str(state) != m->uf) ctx.fail(Check::Geography, r, state, m->uf + ", the state of " + m->name);
  return m;
}

}  // namespace fraudgen::validate
