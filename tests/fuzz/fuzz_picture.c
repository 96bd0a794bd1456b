/* fuzz_picture: picture_parse_header() over any bytes. Properties: it never reads past the bytes
 * it is given (AddressSanitizer), a size it accepts is positive, and the same bytes always give
 * the same answer. */
#include "fuzz.h"

#include <string.h>

#include "picture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct picture_info a, b;
    enum picture_problem pa, pb;

    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    pa = picture_parse_header(data, size, &a);
    pb = picture_parse_header(data, size, &b);
    FUZZ_CHECK(pa == pb && a.w == b.w && a.h == b.h && a.type == b.type);
    if (pa == PICTURE_OK)
        FUZZ_CHECK(a.w > 0 && a.h > 0 && a.type != PICTURE_UNKNOWN);
    return 0;
}
