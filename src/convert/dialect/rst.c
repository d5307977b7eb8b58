/* A stub: issue 13 brings this pass here. Changes nothing yet. */
#include "convert/dialect/scan.h"

const struct dialect dialect_rst = {
	.name = "rst",
};
