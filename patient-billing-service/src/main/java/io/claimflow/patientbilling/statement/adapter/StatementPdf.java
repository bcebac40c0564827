package io.claimflow.patientbilling.statement.adapter;

import io.claimflow.patientbilling.account.Aging;
import io.claimflow.patientbilling.account.AgingBucket;
import io.claimflow.patientbilling.account.OpenClaim;
import io.claimflow.patientbilling.ledger.PatientShare;
import io.claimflow.patientbilling.statement.Addressee;
import io.claimflow.patientbilling.statement.Practice;
import io.claimflow.patientbilling.statement.Statement;
import io.claimflow.patientbilling.statement.StatementLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders a stored statement as a PDF (US Letter, Helvetica) with Apache PDFBox: the practice, the statement, the
 * mailing block, each visit with its procedures and what the patient owes by kind, the totals and the aging. The
 * domain statement knows nothing of PDF; this adapter only lays it out.
 */
final class StatementPdf {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final float MARGIN = 50;
    private static final float BOTTOM = 60;
    private static final float LEADING = 13;
    /** Right edges of the money columns of the visit table: charge, insurance paid, adjustment, you owe. */
    private static final float[] MONEY_COLUMNS = {330, 410, 490, 562};

    private StatementPdf() {}

    static byte[] render(
            Statements.StoredStatement stored,
            Addressee to,
            Practice practice,
            Map<String, List<String>> proceduresByClaim) {
        String payableTo = practice.name();
        Statement s = stored.statement();
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Patient statement " + stored.id());
            info.setCreator("ClaimFlow patient-billing-service");
            Layout page = new Layout(document);

            page.text(MARGIN, page.bold, 16, "PATIENT STATEMENT");
            page.rightText(562, page.bold, 12, safe(page.bold, payableTo));
            // the practice: its street address and phone under its name
            for (String line : practice.addressLines()) {
                page.newLine(LEADING);
                page.rightText(562, page.regular, 9, safe(page.regular, line));
            }
            if (practice.phone() != null) {
                page.newLine(LEADING);
                page.rightText(562, page.regular, 9, safe(page.regular, "Phone " + practice.phone()));
            }
            page.newLine(LEADING * 2);

            float blockTop = page.y;
            page.text(MARGIN, page.bold, 10, safe(page.bold, to.name() == null ? "" : to.name()));
            for (String line : to.addressLines()) {
                page.newLine(LEADING);
                page.text(MARGIN, page.regular, 10, safe(page.regular, line));
            }
            float blockBottom = page.y;
            page.y = blockTop;
            labelled(page, "Statement number", Long.toString(stored.id()));
            labelled(page, "Statement date", DATE.format(s.statementDate()));
            labelled(page, "Account number", safe(page.regular, s.accountNumber()));
            labelled(page, "Due date", DATE.format(s.dueDate()));
            page.y = Math.min(blockBottom, page.y) - LEADING * 2;

            tableHeader(page);
            for (StatementLine line : s.lines()) {
                visit(page, line, proceduresByClaim.getOrDefault(line.claimId(), List.of()));
            }
            page.rule();
            page.newLine(LEADING * 1.5f);

            total(page, page.regular, "Previous balance", s.previousBalance());
            total(
                    page,
                    page.regular,
                    "Patient payments since last statement",
                    s.paymentsSince().negate());
            if (s.credit().signum() != 0) {
                total(page, page.regular, "Credit on account", s.credit());
            }
            total(page, page.bold, "AMOUNT DUE", s.balance());
            total(page, page.bold, "MINIMUM DUE by " + DATE.format(s.dueDate()), s.minimumDue());
            page.newLine(LEADING);

            aging(page, s);
            page.newLine(LEADING);
            List<String> remitTo =
                    practice.remitToLines().isEmpty() ? practice.addressLines() : practice.remitToLines();
            page.ensureRoom(LEADING * (3 + remitTo.size()));
            page.text(
                    MARGIN,
                    page.regular,
                    9,
                    safe(
                            page.regular,
                            "To pay, mail a check payable to " + payableTo
                                    + " with your account number " + s.accountNumber()
                                    + (remitTo.isEmpty() ? "" : " to:")));
            for (String line : remitTo) {
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
            throw new UncheckedIOException("statement " + stored.id() + " could not be rendered as PDF", e);
        }
    }

    private static void labelled(Layout page, String label, String value) {
        page.text(340, page.regular, 10, label + ":");
        page.rightText(562, page.bold, 10, value);
        page.newLine(LEADING);
    }

    private static void tableHeader(Layout page) {
        page.ensureRoom(LEADING * 3);
        page.text(MARGIN, page.bold, 9, "Date of service");
        page.text(135, page.bold, 9, "Visit / procedures");
        page.rightText(MONEY_COLUMNS[0], page.bold, 9, "Charge");
        page.rightText(MONEY_COLUMNS[1], page.bold, 9, "Insurance paid");
        page.rightText(MONEY_COLUMNS[2], page.bold, 9, "Contractual adj.");
        page.rightText(MONEY_COLUMNS[3], page.bold, 9, "You owe");
        page.newLine(4);
        page.rule();
        page.newLine(LEADING);
    }

    private static void visit(Layout page, StatementLine line, List<String> procedures) {
        PatientShare share = line.patientShare();
        int details = 2
                + countNonZero(
                        share.deductible(), share.coinsurance(), share.copay(), share.other(), line.patientPaid());
        if (page.ensureRoom(LEADING * details)) {
            tableHeader(page);
        }
        page.text(MARGIN, page.regular, 9, DATE.format(line.serviceFrom()));
        page.text(135, page.regular, 9, safe(page.regular, "Claim " + line.claimId()));
        page.rightText(MONEY_COLUMNS[0], page.regular, 9, money(line.charge()));
        page.rightText(MONEY_COLUMNS[1], page.regular, 9, money(line.insurancePaid()));
        page.rightText(MONEY_COLUMNS[2], page.regular, 9, money(line.adjustments()));
        page.rightText(MONEY_COLUMNS[3], page.bold, 9, money(line.balance()));
        page.newLine(LEADING);
        String detail = (procedures.isEmpty() ? "" : "Procedures " + String.join(", ", procedures))
                + (line.provider() == null ? "" : (procedures.isEmpty() ? "" : " - ") + "Provider " + line.provider());
        // a visit over several days shows its last date under the first, the date column being narrow
        boolean range = line.serviceTo() != null && !line.serviceTo().equals(line.serviceFrom());
        if (range) {
            page.text(MARGIN, page.regular, 8, "to " + DATE.format(line.serviceTo()));
        }
        if (!detail.isEmpty()) {
            page.text(135, page.regular, 8, safe(page.regular, detail));
        }
        if (range || !detail.isEmpty()) {
            page.newLine(LEADING);
        }
        share(page, "Deductible", share.deductible());
        share(page, "Coinsurance", share.coinsurance());
        share(page, "Copay", share.copay());
        share(page, "Other (not covered)", share.other());
        share(page, "You paid", line.patientPaid().negate());
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

    private static void aging(Layout page, Statement s) {
        List<OpenClaim> open = s.lines().stream()
                .map(l -> new OpenClaim(l.claimId(), l.balance(), l.responsibleSince()))
                .toList();
        Aging aging = Aging.of(open, s.credit(), s.statementDate());
        page.ensureRoom(LEADING * 3);
        page.text(MARGIN, page.bold, 9, "Aging of your balance");
        page.newLine(LEADING);
        float x = MARGIN;
        for (AgingBucket bucket : AgingBucket.values()) {
            page.text(
                    x,
                    page.regular,
                    8,
                    label(bucket) + " " + money(aging.buckets().get(bucket)));
            x += 102;
        }
        page.newLine(LEADING);
    }

    private static String label(AgingBucket bucket) {
        return switch (bucket) {
            case CURRENT -> "0-30 days";
            case DAYS_31_60 -> "31-60 days";
            case DAYS_61_90 -> "61-90 days";
            case DAYS_91_120 -> "91-120 days";
            case OVER_120 -> "Over 120 days";
        };
    }

    private static int countNonZero(BigDecimal... amounts) {
        int n = 0;
        for (BigDecimal amount : amounts) {
            n += amount.signum() != 0 ? 1 : 0;
        }
        return n;
    }

    /** US dollars to the cent, from the BigDecimal itself (the formatter never goes through double). */
    static String money(BigDecimal amount) {
        BigDecimal cents = amount.setScale(2, RoundingMode.UNNECESSARY);
        return (cents.signum() < 0 ? "-$" : "$") + String.format(Locale.US, "%,.2f", cents.abs());
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
                content.lineTo(562, y);
                content.stroke();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() throws IOException {
            content.close();
        }
    }
}
