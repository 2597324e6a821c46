package io.zkinfer.server.billing;

/**
 * An account's money and plan, read in one transaction so the figures agree with each other.
 *
 * @param account   the account
 * @param available funds it may spend
 * @param held      funds held for proven calls whose proofs have not verified yet
 * @param earnings  a developer's settled earnings not yet paid out
 * @param plan      its plan this month and how much of it is used
 */
public record AccountBalance(String account, Money available, Money held, Money earnings, PlanStatus plan) {
}
