package io.claimflow.patientbilling.statement.adapter;

import static io.claimflow.patientbilling.statement.adapter.Printed.date;
import static io.claimflow.patientbilling.statement.adapter.Printed.money;

import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.patientbilling.account.Aging;
import io.claimflow.patientbilling.account.AgingBucket;
import io.claimflow.patientbilling.ledger.PatientShare;
import io.claimflow.patientbilling.statement.Practice;
import io.claimflow.patientbilling.statement.StatementDocument;
import io.claimflow.patientbilling.statement.StatementDocument.Procedure;
import io.claimflow.patientbilling.statement.StatementDocument.Visit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays out a statement document as a PDF (US Letter, Helvetica) with Apache PDFBox: the practice, the statement, the
 * mailing block, each visit with its procedures in words and what the patient owes by kind, the totals, the aging and
 * where to send a check. It decides nothing: the document was assembled once ({@link StatementDocument#assemble}).
 */
final class StatementPdf {

    private static final float MARGIN = 50;
    private static final float RIGHT = 562;
    private static final float BOTTOM = 60;
    private static final float LEADING = 13;
    private static final float DETAIL_X = 135;
    /** Right edges of the money columns of the visit table: charge, insurance paid, adjustment, you owe. */
    private static final float[] MONEY_COLUMNS = {330, 410, 490, RIGHT};

    private StatementPdf() {}

    static byte[] render(StatementDocument d) {
        Practice practice = d.practice();
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Patient statement " + d.statementId());
            info.setCreator("ClaimFlow patient-billing-service");
            Layout page = new Layout(document);

            page.text(MARGIN, page.bold, 16, "PATIENT STATEMENT");
            page.rightText(RIGHT, page.bold, 12, safe(page.bold, practice.name()));
            // the practice: its street address and phone under its name
            for (String line : practice.addressLines()) {
                page.newLine(LEADING);
                page.rightText(RIGHT, page.regular, 9, safe(page.regular, line));
            }
            if (practice.phone() != null) {
                page.newLine(LEADING);
                page.rightText(RIGHT, page.regular, 9, safe(page.regular, "Phone " + practice.phone()));
            }
            page.newLine(LEADING * 2);

            float blockTop = page.y;
            page.text(MARGIN, page.bold, 10, safe(page.bold, d.mailTo().name()));
            for (String line : d.mailTo().addressLines()) {
                page.newLine(LEADING);
                page.text(MARGIN, page.regular, 10, safe(page.regular, line));
            }
            float blockBottom = page.y;
            page.y = blockTop;
            labelled(page, "Statement number", Long.toString(d.statementId()));
            labelled(page, "Statement date", date(d.statementDate()));
            labelled(page, "Account number", safe(page.regular, d.accountNumber()));
            labelled(page, "Due date", date(d.dueDate()));
            page.y = Math.min(blockBottom, page.y) - LEADING * 2;

            tableHeader(page);
            for (Visit visit : d.visits()) {
                visit(page, visit);
            }
            page.rule();
            page.newLine(LEADING * 1.5f);

            total(page, page.regular, "Previous balance", d.previousBalance());
            total(
                    page,
                    page.regular,
                    "Patient payments since last statement",
                    d.paymentsSince().negate());
            if (d.credit().signum() != 0) {
                total(page, page.regular, "Credit on account", d.credit());
            }
            total(page, page.bold, "AMOUNT DUE", d.amountDue());
            total(page, page.bold, "MINIMUM DUE by " + date(d.dueDate()), d.minimumDue());
            page.newLine(LEADING);

            aging(page, d.aging());
            page.newLine(LEADING);
            List<String> checksTo = practice.checksTo();
            page.ensureRoom(LEADING * (3 + checksTo.size()));
            page.text(
                    MARGIN,
                    page.regular,
                    9,
                    safe(
                            page.regular,
                            "To pay, mail a check payable to " + practice.name()
                                    + " with your account number " + d.accountNumber()
                                    + (checksTo.isEmpty() ? "" : " to:")));
            for (String line : checksTo) {
                page.newLine(LEADING);
                page.text(MARGIN + 12, page.bold, 9, safe(page.bold, line));
            }
            if (practice.phone() != null) {
                page.newLine(LEADING);
                page.text(
                        MARGIN,
                        page.regular,
                        9,
                        safe(page.regular, "Questions about this statement: call " + practice.phone() + "."));
            }
            page.close();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("statement " + d.statementId() + " could not be rendered as PDF", e);
        }
    }

    private static void labelled(Layout page, String label, String value) {
        page.text(340, page.regular, 10, label + ":");
        page.rightText(RIGHT, page.bold, 10, value);
        page.newLine(LEADING);
    }

    private static void tableHeader(Layout page) {
        page.ensureRoom(LEADING * 3);
        page.text(MARGIN, page.bold, 9, "Date of service");
        page.text(DETAIL_X, page.bold, 9, "Visit / procedures");
        page.rightText(MONEY_COLUMNS[0], page.bold, 9, "Charge");
        page.rightText(MONEY_COLUMNS[1], page.bold, 9, "Insurance paid");
        page.rightText(MONEY_COLUMNS[2], page.bold, 9, "Contractual adj.");
        page.rightText(MONEY_COLUMNS[3], page.bold, 9, "You owe");
        page.newLine(4);
        page.rule();
        page.newLine(LEADING);
    }

    private static void visit(Layout page, Visit visit) {
        PatientShare share = visit.patientShare();
        List<String> procedures = new ArrayList<>();
        for (Procedure procedure : visit.procedures()) {
            procedures.addAll(page.wrap(page.regular, 8, safe(page.regular, procedure.text()), RIGHT - DETAIL_X - 8));
        }
        int details = 2
                + procedures.size()
                + (visit.severalPayers() ? visit.payers().size() : 0)
                + countNonZero(
                        share.deductible(), share.coinsurance(), share.copay(), share.other(), visit.patientPaid());
        if (page.ensureRoom(LEADING * details)) {
            tableHeader(page);
        }
        page.text(MARGIN, page.regular, 9, date(visit.serviceFrom()));
        page.text(DETAIL_X, page.regular, 9, safe(page.regular, "Claim " + visit.claimId()));
        page.rightText(MONEY_COLUMNS[0], page.regular, 9, money(visit.charge()));
        page.rightText(MONEY_COLUMNS[1], page.regular, 9, money(visit.insurancePaid()));
        page.rightText(MONEY_COLUMNS[2], page.regular, 9, money(visit.adjustments()));
        page.rightText(MONEY_COLUMNS[3], page.bold, 9, money(visit.balance()));
        page.newLine(LEADING);
        // a visit over several days shows its last date under the first, the date column being narrow
        if (visit.spansDays()) {
            page.text(MARGIN, page.regular, 8, "to " + date(visit.serviceTo()));
        }
        if (visit.provider() != null) {
            page.text(DETAIL_X, page.regular, 8, safe(page.regular, "Provider " + visit.provider()));
        }
        if (visit.spansDays() || visit.provider() != null) {
            page.newLine(LEADING - 2);
        }
        for (String line : procedures) {
            page.text(DETAIL_X + 8, page.regular, 8, line);
            page.newLine(LEADING - 2);
        }
        if (visit.severalPayers()) {
            // each payer's part under the visit; the columns above hold their sums
            for (AccountQueries.PayerPart payer : visit.payers()) {
                page.text(DETAIL_X + 8, page.regular, 8, safe(page.regular, "Paid by " + payer.payerName()));
                page.rightText(MONEY_COLUMNS[1], page.regular, 8, money(payer.paid()));
                page.rightText(MONEY_COLUMNS[2], page.regular, 8, money(payer.adjustments()));
                page.newLine(LEADING - 2);
            }
        }
        share(page, "Deductible", share.deductible());
        share(page, "Coinsurance", share.coinsurance());
        share(page, "Copay", share.copay());
        share(page, visit.selfPay() ? "Self-pay (your charge)" : "Other (not covered)", share.other());
        share(page, "You paid", visit.patientPaid().negate());
        page.newLine(LEADING / 2);
    }

    private static void share(Layout page, String label, BigDecimal amount) {
        if (amount.signum() != 0) {
            page.text(150, page.regular, 8, label);
            page.rightText(MONEY_COLUMNS[3] - 60, page.regular, 8, money(amount));
            page.newLine(LEADING - 2);
        }
    }

    private static void total(Layout page, PDType1Font font, String label, BigDecimal amount) {
        page.ensureRoom(LEADING);
        page.text(300, font, 10, label);
        page.rightText(MONEY_COLUMNS[3], font, 10, money(amount));
        page.newLine(LEADING);
    }

    private static void aging(Layout page, Aging aging) {
        page.ensureRoom(LEADING * 3);
        page.text(MARGIN, page.bold, 9, "Aging of your balance");
        page.newLine(LEADING);
        float x = MARGIN;
        for (AgingBucket bucket : AgingBucket.values()) {
            page.text(
                    x,
                    page.regular,
                    8,
                    Printed.label(bucket) + " " + money(aging.buckets().get(bucket)));
            x += 102;
        }
        page.newLine(LEADING);
    }

    private static int countNonZero(BigDecimal... amounts) {
        int n = 0;
        for (BigDecimal amount : amounts) {
            n += amount.signum() != 0 ? 1 : 0;
        }
        return n;
    }

    /** Replaces what the standard font cannot encode (WinAnsi), so a name in another script does not fail. */
    static String safe(PDType1Font font, String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String c = Character.isISOControl(cp) ? " " : new String(Character.toChars(cp));
            try {
                font.encode(c);
                out.append(c);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    /** The current page and position; starts a new page when the next block does not fit. */
    private static final class Layout {

        final PDDocument document;
        final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDPageContentStream content;
        float y;

        Layout(PDDocument document) throws IOException {
            this.document = document;
            newPage();
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.LETTER.getHeight() - MARGIN;
        }

        /** Starts a new page when {@code height} does not fit; true when it did. */
        boolean ensureRoom(float height) {
            if (y - height >= BOTTOM) {
                return false;
            }
            try {
                newPage();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        }

        void newLine(float height) {
            y -= height;
        }

        void text(float x, PDType1Font font, float size, String text) {
            try {
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(x, y);
                content.showText(text);
                content.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void rightText(float right, PDType1Font font, float size, String text) {
            try {
                text(right - font.getStringWidth(text) / 1000 * size, font, size, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void rule() {
            try {
                content.setLineWidth(0.5f);
                content.moveTo(MARGIN, y);
                content.lineTo(RIGHT, y);
                content.stroke();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The text in lines no wider than {@code width} points, broken between words (a longer word stays whole). */
        List<String> wrap(PDType1Font font, float size, String text, float width) {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && width(font, size, candidate) > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }

        private static float width(PDType1Font font, float size, String text) {
            try {
                return font.getStringWidth(text) / 1000 * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() throws IOException {
            content.close();
        }
    }
}
