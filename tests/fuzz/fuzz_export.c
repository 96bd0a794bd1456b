/* fuzz_export: the export round trip. A request made of the input's text (NUL-separated fields,
 * well-formed UTF-8 as the queue insists) is written as CSV and as JSON Lines and read back with
 * parse.h. Properties:
 * - CSV: a header and one CRLF record of 16 fields; every text field reads back exactly, with a '
 *   in front only of a value a spreadsheet would run as a formula;
 * - JSON Lines: one line holding one well-formed object; every string member reads back exactly,
 *   the checklist answers (made by screening.c from the input's questions) read back too;
 * - both outputs are well-formed UTF-8. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fuzz.h"
#include "parse.h"
#include "screening.h"
#include "utf8.h"

#define NTEXT 13    /* the input's fields: 10 of the row, then up to 3 checklist questions */

/* The row's text fields in export_columns[] order (from "uuid"), as the CSV writes them. */
static const char **row_texts(struct queue_row *r, const char *texts[11])
{
    const char *t[11] = { r->uuid, r->ref, r->created_utc, r->req.kiosk_id, r->req.treatment_id,
                          r->req.name, r->req.phone, r->req.email, r->req.contact_time, r->req.screening,
                          r->req.answers ? r->req.answers : "" };

    memcpy(texts, t, sizeof t);
    return texts;
}

/* What the CSV cell of value must read back as: the value, after a ' when it starts a formula. */
static int csv_cell_ok(const char *cell, const char *value)
{
    if (value[0] && strchr("=+-@\t\r", value[0]))
        return cell[0] == '\'' && strcmp(cell + 1, value) == 0;
    return strcmp(cell, value) == 0;
}

static char *render(enum export_format fmt, const struct queue_row *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(export_write_header(f, fmt) == 0);
    FUZZ_CHECK(export_write_row(f, fmt, r) == 0);
    FUZZ_CHECK(fclose(f) == 0);
    FUZZ_CHECK(strlen(buf) == len && utf8_valid(buf, len));
    return buf;
}

static void check_csv(struct queue_row *r)
{
    char *text = render(EXPORT_CSV, r);
    const char *p = text, *texts[11];
    struct parsed header, row;
    char batch[32];

    FUZZ_CHECK(csv_record(&p, &header) == 0);
    FUZZ_CHECK(csv_record(&p, &row) == 0);
    FUZZ_CHECK(*p == '\0');
    FUZZ_CHECK(header.n == 16 && row.n == 16);
    for (int i = 0; i < 16; i++)
        FUZZ_CHECK(strcmp(header.value[i], export_columns[i].name) == 0);
    snprintf(batch, sizeof batch, "%lld", r->batch_id);
    FUZZ_CHECK(strcmp(row.value[0], batch) == 0);
    row_texts(r, texts);
    for (int i = 0; i < 11; i++)
        FUZZ_CHECK(csv_cell_ok(row.value[i + 1], texts[i]));
    FUZZ_CHECK(strcmp(row.value[12], r->req.consent_contact ? "yes" : "no") == 0);
    FUZZ_CHECK(strcmp(row.value[13], r->req.consent_share_answers ? "yes" : "no") == 0);
    FUZZ_CHECK(csv_cell_ok(row.value[14], r->req.notice_version));
    FUZZ_CHECK(csv_cell_ok(row.value[15], r->req.language ? r->req.language : ""));
    parsed_free(&header);
    parsed_free(&row);
    free(text);
}

/* The answers array holds each question's text, as screening_answers_json() wrote it. */
static void check_answers(const char *raw, const struct content_question *q, int nq)
{
    const char *p = raw;
    struct parsed list;

    FUZZ_CHECK(json_container(&p, &list, 0) == 0 && *p == '\0');
    FUZZ_CHECK(list.n == nq);
    for (int i = 0; i < nq; i++) {
        struct parsed item;
        const char *e = list.value[i];
        FUZZ_CHECK(json_container(&e, &item, 0) == 0);
        FUZZ_CHECK(parsed_get(&item, "question") && strcmp(parsed_get(&item, "question"), q[i].text) == 0);
        parsed_free(&item);
    }
    parsed_free(&list);
}

static void check_jsonl(struct queue_row *r, const struct content_question *q, int nq)
{
    char *text = render(EXPORT_JSONL, r);
    const char *p = text, *texts[11];
    struct parsed obj;
    char batch[32];

    FUZZ_CHECK(json_container(&p, &obj, 0) == 0);
    FUZZ_CHECK(strcmp(p, "\n") == 0);
    FUZZ_CHECK(obj.n == 16);
    for (int i = 0; i < 16; i++)
        FUZZ_CHECK(strcmp(obj.name[i], export_columns[i].name) == 0);
    snprintf(batch, sizeof batch, "%lld", r->batch_id);
    FUZZ_CHECK(strcmp(obj.value[0], batch) == 0);
    row_texts(r, texts);
    for (int i = 0; i < 10; i++)
        FUZZ_CHECK(strcmp(obj.value[i + 1], texts[i]) == 0);
    if (r->req.answers) {
        FUZZ_CHECK(strcmp(obj.value[11], r->req.answers) == 0);
        check_answers(obj.value[11], q, nq);
    } else {
        FUZZ_CHECK(strcmp(obj.value[11], "null") == 0);
    }
    FUZZ_CHECK(strcmp(obj.value[12], r->req.consent_contact ? "true" : "false") == 0);
    FUZZ_CHECK(strcmp(obj.value[13], r->req.consent_share_answers ? "true" : "false") == 0);
    FUZZ_CHECK(strcmp(obj.value[14], r->req.notice_version) == 0);
    FUZZ_CHECK(strcmp(obj.value[15], r->req.language ? r->req.language : "null") == 0);
    parsed_free(&obj);
    free(text);
}

/* The input: one flags byte, then up to NTEXT NUL-separated texts (missing ones are empty). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy, *text[NTEXT];
    struct content_question q[3];
    struct screening s;
    char answers[QUEUE_ANSWERS_MAX];
    struct queue_row r;
    size_t at = 1;
    int nq = 0, flags;

    if (size == 0)
        return 0;
    flags = data[0];
    copy = malloc(size + 1);
    FUZZ_CHECK(copy != NULL);
    memcpy(copy, data, size);
    copy[size] = '\0';
    for (int i = 0; i < NTEXT; i++) {
        text[i] = copy + (at < size ? at : size);
        at += strlen(text[i]) + 1;
        if (!utf8_valid(text[i], strlen(text[i])))
            goto out;
    }
    r = (struct queue_row){
        .batch_id = flags & 1 ? (long long)flags << 33 : 0, .uuid = text[0], .ref = text[1],
        .created_utc = text[2], .status = "pending",
        .req = { .kiosk_id = text[3], .treatment_id = text[4], .name = text[5], .phone = text[6],
                 .email = text[7], .contact_time = text[8], .screening = text[9],
                 .consent_contact = (flags >> 1) & 1, .consent_share_answers = (flags >> 2) & 1,
                 .notice_version = text[5 + (flags >> 5) % 5], .language = (flags >> 4) & 1 ? text[0] : NULL },
    };
    if (r.req.consent_share_answers) {
        for (nq = 0; nq < 3 && text[10 + nq][0]; nq++)
            q[nq] = (struct content_question){ .text = text[10 + nq] };
        screening_wipe(&s);
        if (nq > 0 && screening_start(&s, nq) == 0) {
            for (int i = 0; i < nq; i++)
                screening_answer(&s, (flags >> (3 + i)) & 1 ? SCREENING_YES : SCREENING_NO);
            if (screening_answers_json(&s, q, nq, answers, sizeof answers) >= 0)
                r.req.answers = answers;
        }
    }
    check_csv(&r);
    check_jsonl(&r, q, nq);
out:
    free(copy);
    return 0;
}
