package io.zkinfer.server.billing;

import java.util.List;

/**
 * A page of an account's statement for a period.
 *
 * @param account the account
 * @param opening the available balance at the start of the period
 * @param closing the available balance at the end of the period
 * @param lines   this page's lines, oldest first
 * @param more    whether lines follow the last one of this page
 */
public record StatementPage(String account, Money opening, Money closing, List<StatementLine> lines, boolean more) {

    public StatementPage {
        lines = List.copyOf(lines);
    }
}
