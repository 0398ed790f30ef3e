// The whole public C++ API of sokhan.
#pragma once

#include "sokhan/alignment.hpp"
#include "sokhan/dates.hpp"
#include "sokhan/error.hpp"
#include "sokhan/normalizer.hpp"
#include "sokhan/parallel.hpp"
#include "sokhan/sentences.hpp"
#include "sokhan/unicode.hpp"
#include "sokhan/utf8.hpp"
#include "sokhan/version.hpp"
