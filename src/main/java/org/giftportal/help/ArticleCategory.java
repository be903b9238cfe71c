package org.giftportal.help;

/** What kind of help an article is. */
public enum ArticleCategory {
    TROUBLESHOOTING, FAQ, GUIDE
}
