<#--
  The page frame of every sign-in page: the retailer's name, one plain sentence saying why the visitor is here, the
  page's own form from Keycloak's base templates, and a way back to the portal. Landmarks, a skip link and the
  portal's colours as on the portal's own pages; no framework stylesheet, and nothing loaded from the portal.
-->
<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false>
<!DOCTYPE html>
<html lang="${lang}"<#if realm.internationalizationEnabled> dir="${(locale.rtl)?then('rtl','ltr')}"</#if>>
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title!}</title>
    <link rel="icon" href="${url.resourcesPath}/img/favicon.svg" type="image/svg+xml">
    <#if properties.styles?has_content>
        <#list properties.styles?split(' ') as style>
    <link href="${url.resourcesPath}/${style}" rel="stylesheet">
        </#list>
    </#if>
    <script type="module">
        <#outputformat "JavaScript">
        import { startSessionPolling } from ${(url.resourcesPath + "/js/authChecker.js")?c};
        startSessionPolling(${url.ssoLoginInOtherTabsUrl?c});
        </#outputformat>
    </script>
    <#if authenticationSession??>
    <script type="module">
        <#outputformat "JavaScript">
        import { checkAuthSession } from ${(url.resourcesPath + "/js/authChecker.js")?c};
        checkAuthSession(${authenticationSession.authSessionIdHash?c});
        </#outputformat>
    </script>
    </#if>
</head>
<body class="kc-page ${bodyClass}" data-page-id="login-${pageId}">
<a class="skip-link" href="#kc-main">${msg("skipToContent")}</a>
<header class="site-header">
    <div class="wrap">
        <#if client?? && client.baseUrl?has_content>
        <a class="brand" href="${client.baseUrl}">${realm.displayName!"Gift Cards"} <span class="brand-sub">${msg("brandSub")}</span></a>
        <#else>
        <span class="brand">${realm.displayName!"Gift Cards"} <span class="brand-sub">${msg("brandSub")}</span></span>
        </#if>
    </div>
</header>
<main id="kc-main" class="wrap" tabindex="-1">
    <p class="intro">${msg("portalIntro")}</p>
    <div class="card">
        <#if !(auth?has_content && auth.showUsername() && !auth.showResetCredentials())>
            <h1 id="kc-page-title"><#nested "header"></h1>
        <#else>
            <#nested "show-username">
            <div id="kc-username">
                <p>${msg("loginAccountTitle")}: <strong id="kc-attempted-username">${auth.attemptedUsername}</strong>
                <a id="reset-login" href="${url.loginRestartFlowUrl}">${msg("restartLoginTooltip")}</a></p>
            </div>
        </#if>
        <#if displayRequiredFields>
            <p class="hint"><span class="required">*</span> ${msg("requiredFields")}</p>
        </#if>
        <#if displayMessage && message?has_content && (message.type != 'warning' || !isAppInitiatedAction??)>
            <div class="alert alert-${message.type}" role="<#if message.type = 'error'>alert<#else>status</#if>">
                <p>${kcSanitize(message.summary)?no_esc}</p>
            </div>
        </#if>
        <#nested "form">
        <#nested "socialProviders">
        <#if displayInfo>
            <div id="kc-info">
                <#nested "info">
            </div>
        </#if>
    </div>
</main>
<footer class="site-footer">
    <div class="wrap">
        <#if client?? && client.baseUrl?has_content>
        <p><a href="${client.baseUrl}">${msg("portalBack", realm.displayName!"")}</a></p>
        </#if>
    </div>
</footer>
</body>
</html>
</#macro>
