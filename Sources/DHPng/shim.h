// libpng (system library) for story photos, through its simplified API, which reports errors by status rather
// than by longjmp. Wrapped here because its format constants are macros Swift does not import.
#include <stdlib.h>
#include <string.h>
#include <png.h>

/// Reads only the header: width and height. Returns 0 on success.
static inline int dh_png_dimensions(const unsigned char *buf, size_t len, int *width, int *height) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, buf, len)) return -1;
    *width = (int)image.width;
    *height = (int)image.height;
    png_image_free(&image);
    return 0;
}

/// Decodes to 8-bit RGBA. Returns a malloc'd buffer of width*height*4 bytes, or NULL. `max_pixels` refuses a
/// larger image before any pixel memory is taken.
static inline unsigned char *dh_png_decode(
    const unsigned char *buf, size_t len, unsigned long max_pixels, int *width, int *height) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, buf, len)) return NULL;
    if ((unsigned long)image.width * (unsigned long)image.height > max_pixels) {
        png_image_free(&image);
        return NULL;
    }
    image.format = PNG_FORMAT_RGBA;
    unsigned char *out = (unsigned char *)malloc(PNG_IMAGE_SIZE(image));
    if (out == NULL) {
        png_image_free(&image);
        return NULL;
    }
    if (!png_image_finish_read(&image, NULL, out, 0, NULL)) {
        png_image_free(&image);
        free(out);
        return NULL;
    }
    *width = (int)image.width;
    *height = (int)image.height;
    return out;
}

/// Encodes 8-bit RGBA (`has_alpha` 1) or RGB (0) as PNG, with no metadata chunks. Returns a malloc'd buffer, or NULL.
static inline unsigned char *dh_png_encode(
    const unsigned char *pixels, int width, int height, int has_alpha, size_t *out_len) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)width;
    image.height = (png_uint_32)height;
    image.format = has_alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    size_t size = 0;
    if (!png_image_write_to_memory(&image, NULL, &size, 0, pixels, 0, NULL)) return NULL;
    unsigned char *out = (unsigned char *)malloc(size);
    if (out == NULL) return NULL;
    if (!png_image_write_to_memory(&image, out, &size, 0, pixels, 0, NULL)) {
        free(out);
        return NULL;
    }
    *out_len = size;
    return out;
}
