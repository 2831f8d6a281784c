# Turns a file into a C++ source defining `const char NAME[]` (NUL-terminated) and
# `const std::size_t NAME_size`, in namespace NAMESPACE. A byte array rather than a string
# literal: literals this long trip -Woverlength-strings under -Wpedantic.
# Usage: cmake -DINPUT=file -DOUTPUT=file.cpp -DNAME=symbol -DNAMESPACE=ns -P EmbedText.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
# 32 bytes a line; CMake's regular expressions have no {n} repeat.
string(REPEAT "[0-9a-f]" 64 line_pattern)
string(REGEX REPLACE "(${line_pattern})" "\\1\n" hex "${hex}")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/EmbedText.cmake. Do not edit.\n"
  "#include <cstddef>\n\nnamespace ${NAMESPACE} {\n\n"
  "extern const char ${NAME}[];\nextern const std::size_t ${NAME}_size;\n"
  "const char ${NAME}[] = {\n${bytes}0};\n"
  "const std::size_t ${NAME}_size = ${size};\n\n}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
