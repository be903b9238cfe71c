<#--
  Sign in, or create an account. "Create an account" comes first, above the form: most people who arrive from a gift
  link have no account yet, and on a phone the keyboard would hide anything below the fields. No positive tabindex
  (the page's order is its reading order) and no autofocus (a phone would open its keyboard over the page).
-->
<#import "template.ftl" as layout>
<#import "passkeys.ftl" as passkeys>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password'); section>
    <#if section = "header">
        ${msg("loginAccountTitle")}
    <#elseif section = "form">
        <#if realm.password && realm.registrationAllowed && !registrationDisabled??>
            <p id="kc-registration" class="new-here">${msg("noAccount")} <a class="button button-secondary" href="${url.registrationUrl}">${msg("doRegister")}</a></p>
        </#if>
        <#if realm.password>
        <form id="kc-form-login" onsubmit="login.disabled = true; return true;" action="${url.loginAction}" method="post">
            <#assign failed = messagesPerField.existsError('username','password')>
            <#if !usernameHidden??>
            <div>
                <label for="username"><#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if></label>
                <input id="username" name="username" value="${(login.username!'')}" type="text" dir="ltr"
                       autocomplete="${(enableWebAuthnConditionalUI?has_content)?then('username webauthn', 'username')}"
                       <#if failed>aria-invalid="true" aria-describedby="input-error"</#if>>
            </div>
            </#if>
            <div>
                <label for="password">${msg("password")}</label>
                <div dir="ltr">
                    <input id="password" name="password" type="password" autocomplete="current-password"
                           <#if failed>aria-invalid="true" aria-describedby="input-error"</#if>>
                    <button type="button" aria-label="${msg("showPassword")}" aria-controls="password" data-password-toggle
                            data-label-show="${msg('showPassword')}" data-label-hide="${msg('hidePassword')}"></button>
                </div>
            </div>
            <#if failed>
            <p id="input-error" aria-live="polite">${kcSanitize(messagesPerField.getFirstError('username','password'))?no_esc}</p>
            </#if>
            <#if realm.rememberMe && !usernameHidden??>
            <div class="checkbox">
                <label><input id="rememberMe" name="rememberMe" type="checkbox"<#if login.rememberMe??> checked</#if>> ${msg("rememberMe")}</label>
            </div>
            </#if>
            <div id="kc-form-buttons">
                <input type="hidden" id="id-hidden-input" name="credentialId" <#if auth.selectedCredential?has_content>value="${auth.selectedCredential}"</#if>>
                <input name="login" id="kc-login" type="submit" value="${msg("doLogIn")}">
            </div>
            <#if realm.resetPasswordAllowed>
            <p><a href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a></p>
            </#if>
        </form>
        </#if>
        <@passkeys.conditionalUIData />
        <script type="module" src="${url.resourcesPath}/js/passwordVisibility.js"></script>
    </#if>
</@layout.registrationLayout>
