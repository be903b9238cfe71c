<#import "template.ftl" as layout>
<@layout.emailLayout>
<p style="margin: 0 0 12px;">${msg("emailHello")}</p>
<p style="margin: 0 0 16px;">${msg("emailVerificationLead", realmName)}</p>
<p style="margin: 0 0 20px;"><a href="${link}" style="display: inline-block; padding: 12px 24px; background: ${properties.brandColour}; color: #ffffff; font-weight: bold; text-decoration: none; border-radius: 6px;">${msg("emailVerificationButton")}</a></p>
<p style="margin: 0 0 12px;">${msg("emailVerificationAfter", linkExpirationFormatter(linkExpiration))}</p>
<p style="margin: 0;">${msg("emailVerificationNotYou")}</p>
</@layout.emailLayout>
