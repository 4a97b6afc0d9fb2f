// Brazilian document numbers, drawn with valid check digits:
// - CPF: 11 digits, the 9th the fiscal region, two mod-11 check digits (Receita Federal);
// - CNH: the driving licence's 11-digit registration number, two mod-11 check digits with
//   DENATRAN's rule (the second less 2 when the first overflows), numbers whose second check
//   digit would fall below 0 are not issued;
// - vehicle plates: Mercosul "ABC1D23" (new registrations since 2018, and older plates when a
//   car changes owner or municipality, the 5th character a letter for the old digit: 0 = A ...
//   9 = J) or the old "ABC-1234".
#pragma once
#include <string>
#include <string_view>

#include "fraudgen/core/random.h"

namespace fraudgen {

void make_cpf(Rng& rng, int region_digit, char* out);  // 11 digits, no terminator
bool cpf_valid(std::string_view digits);
// Writes the 11 digits as XXX.XXX.XXX-DD (14 characters) and returns the end.
char* write_formatted_cpf(char* out, const char* digits);

void make_cnh(Rng& rng, char* out);  // 11 digits, no terminator
bool cnh_valid(std::string_view digits);

std::string make_old_plate(Rng& rng);               // "ABC-1234"
std::string mercosul_plate(std::string_view old);   // "ABC-1234" -> "ABC1C34"
std::string make_mercosul_plate(Rng& rng);          // "ABC1D23"
bool plate_valid(std::string_view plate);            // either format

}  // namespace fraudgen
