# Turns data/*.csv into one C++ source file, so the binary carries its reference data.
# Invoked at build time: cmake -DOUT=<file.cpp> -DDATA_DIR=<dir> -P embed_data.cmake
file(GLOB files RELATIVE "${DATA_DIR}" "${DATA_DIR}/*.csv")
list(SORT files)
set(body "// Generated from data/*.csv by cmake/embed_data.cmake. Do not edit.\n#include \"fraudgen/reference/embedded_data.h\"\n\nnamespace fraudgen {\nnamespace {\nconstexpr EmbeddedFile kFiles[] = {\n")
foreach(f IN LISTS files)
  file(READ "${DATA_DIR}/${f}" content)
  string(APPEND body "  {\"${f}\", R\"FGDATA(${content})FGDATA\"},\n")
endforeach()
string(APPEND body "};\n}  // namespace\n\nstd::span<const EmbeddedFile> embedded_files() { return kFiles; }\n\n}  // namespace fraudgen\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
