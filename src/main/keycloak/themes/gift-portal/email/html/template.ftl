<#--
  Every HTML email of the sign-in service: a band in the retailer's colour with its name, the message, and a footer
  saying why it came. Inline styles only: mail programs ignore style sheets.
-->
<#macro emailLayout>
<!DOCTYPE html>
<html lang="${locale.language}" dir="${(ltr)?then('ltr','rtl')}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin: 0; padding: 0; background: #f3f4f6; font-family: Arial, Helvetica, sans-serif; color: #1d2430; line-height: 1.5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse: collapse; background: #f3f4f6;">
  <tr><td align="center" style="padding: 16px 8px;">
    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width: 560px; border-collapse: collapse; background: #ffffff; border-radius: 8px;">
      <tr><td style="background: ${properties.brandColour}; color: #ffffff; padding: 20px 24px; border-radius: 8px 8px 0 0; font-size: 18px; font-weight: bold;">${realmName} Gift Cards</td></tr>
      <tr><td style="padding: 24px;">
        <#nested>
      </td></tr>
      <tr><td style="padding: 0 24px 24px; color: #4a5563; font-size: 14px;">${msg("emailFooter", realmName)}</td></tr>
    </table>
  </td></tr>
</table>
</body>
</html>
</#macro>
