// libjpeg-turbo (system library) for story photos: decode, re-encode (which drops EXIF and GPS).
// libjpeg reports a fatal error through error_exit, which by default calls exit(); Swift cannot unwind a longjmp,
// so the few calls that may fail are wrapped here in C with setjmp, and answer with a status instead.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>

struct dh_jpeg_error {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
};

static void dh_jpeg_error_exit(j_common_ptr cinfo) {
    struct dh_jpeg_error *err = (struct dh_jpeg_error *)cinfo->err;
    longjmp(err->jump, 1);
}

static void dh_jpeg_silence(j_common_ptr cinfo, int level) { (void)cinfo; (void)level; }

/// Reads only the header: width and height. Returns 0 on success.
static inline int dh_jpeg_dimensions(const unsigned char *buf, unsigned long len, int *width, int *height) {
    struct jpeg_decompress_struct cinfo;
    struct dh_jpeg_error jerr;
    cinfo.err = jpeg_std_error(&jerr.pub);
    jerr.pub.error_exit = dh_jpeg_error_exit;
    jerr.pub.emit_message = dh_jpeg_silence;
    if (setjmp(jerr.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, buf, len);
    jpeg_read_header(&cinfo, TRUE);
    *width = (int)cinfo.image_width;
    *height = (int)cinfo.image_height;
    jpeg_destroy_decompress(&cinfo);
    return 0;
}

/// Decodes to 8-bit RGB, shrunk by 1/`scale_denom` in the DCT (1, 2, 4 or 8). Returns a malloc'd buffer of
/// width*height*3 bytes (free it with free()), or NULL when the data is not a readable JPEG.
static inline unsigned char *dh_jpeg_decode(
    const unsigned char *buf, unsigned long len, int scale_denom, int *width, int *height) {
    struct jpeg_decompress_struct cinfo;
    struct dh_jpeg_error jerr;
    unsigned char *volatile out = NULL;
    cinfo.err = jpeg_std_error(&jerr.pub);
    jerr.pub.error_exit = dh_jpeg_error_exit;
    jerr.pub.emit_message = dh_jpeg_silence;
    if (setjmp(jerr.jump)) {
        jpeg_destroy_decompress(&cinfo);
        free(out);
        return NULL;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, buf, len);
    jpeg_read_header(&cinfo, TRUE);
    cinfo.out_color_space = JCS_RGB;
    cinfo.scale_num = 1;
    cinfo.scale_denom = (unsigned int)(scale_denom > 0 ? scale_denom : 1);
    jpeg_start_decompress(&cinfo);
    size_t stride = (size_t)cinfo.output_width * 3;
    out = (unsigned char *)malloc(stride * cinfo.output_height);
    if (out == NULL) {
        jpeg_destroy_decompress(&cinfo);
        return NULL;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out + stride * cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    *width = (int)cinfo.output_width;
    *height = (int)cinfo.output_height;
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return out;
}

/// Encodes 8-bit RGB as a baseline JPEG (no metadata). Returns a malloc'd buffer and its size, or NULL.
static inline unsigned char *dh_jpeg_encode(
    const unsigned char *rgb, int width, int height, int quality, unsigned long *out_len) {
    struct jpeg_compress_struct cinfo;
    struct dh_jpeg_error jerr;
    unsigned char *out = NULL;
    unsigned long size = 0;
    cinfo.err = jpeg_std_error(&jerr.pub);
    jerr.pub.error_exit = dh_jpeg_error_exit;
    jerr.pub.emit_message = dh_jpeg_silence;
    if (setjmp(jerr.jump)) {
        jpeg_destroy_compress(&cinfo);
        return NULL;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &out, &size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    size_t stride = (size_t)width * 3;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + stride * cinfo.next_scanline);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out_len = size;
    return out;
}
