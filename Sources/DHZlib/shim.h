// zlib for streamed deflate (OOXML's streamed zip). The same system zlib ZIPFoundation links.
#include <zlib.h>
