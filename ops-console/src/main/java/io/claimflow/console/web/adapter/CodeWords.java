package io.claimflow.console.web.adapter;

import io.claimflow.codes.AdjustmentCodes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The words for the adjustment codes a page shows, from the one CARC / RARC table ({@code billing-codes}): pages
 * call {@code ${@codes.describe(text)}} with a denial's reasons or CARCs ({@code CO-16 M119: NDC missing},
 * {@code CO-11, PR-3}) and list each code with its description. A code the table does not know is named as unknown.
 */
@Component("codes")
public class CodeWords {

    private static final Pattern GROUPED_CARC =
            Pattern.compile("(?<![0-9A-Za-z])(CO|PR|OA|PI|CR)-?([A-Z0-9]{1,3})" + "(?![0-9A-Za-z])");
    private static final Pattern RARC =
            Pattern.compile("(?<![0-9A-Za-z])(MA[0-9]{1,3}|M[0-9]{1,3}|N[0-9]{1,4})" + "(?![0-9A-Za-z])");

    private final AdjustmentCodes table = AdjustmentCodes.shipped();

    /** Each CARC (with its group code) and RARC in {@code text}, once, as {@code CO-16: description}. */
    public List<String> describe(Object text) {
        if (text == null) {
            return List.of();
        }
        String s = String.valueOf(text);
        Set<String> seen = new LinkedHashSet<>();
        List<String> words = new ArrayList<>();
        Matcher carc = GROUPED_CARC.matcher(s);
        while (carc.find()) {
            String code = carc.group(1) + "-" + carc.group(2);
            if (seen.add(code)) {
                words.add(code + ": "
                        + table.carc(carc.group(2))
                                .map(AdjustmentCodes.Code::description)
                                .orElse("reason code not in the table"));
            }
        }
        Matcher rarc = RARC.matcher(s);
        while (rarc.find()) {
            String code = rarc.group(1);
            if (seen.add(code)) {
                words.add(code + ": "
                        + table.rarc(code)
                                .map(AdjustmentCodes.Code::description)
                                .orElse("remark code not in the table"));
            }
        }
        return words;
    }
}
