/**
 * Rate limits shared by the nodes of the service: a counter per rule and subject (an
 * account, a client address, a recipient) kept in the database, which blocks the subject
 * for a delay once the rule's threshold is reached within its window. The delay doubles
 * at each new block up to a ceiling and every block ends by itself: a limit slows an
 * attacker down, it never locks an account for good. Used by the login (identity) and by
 * the mails of the accounts (compte).
 */
package fr.parcourscpts.ratelimit;
