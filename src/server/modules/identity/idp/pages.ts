/** The identity provider's own pages: plain HTML forms, no script, Vietnamese. */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export const IDP_STYLESHEET = `
body { margin: 0; font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; background: #f0f2f5; color: #1f1f1f; }
header { background: #a4161a; color: #fff; padding: 16px 24px; }
header small { display: block; opacity: .85; font-size: 13px; }
header strong { font-size: 20px; }
main { max-width: 520px; margin: 24px auto; background: #fff; border-radius: 8px; padding: 24px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h1 { font-size: 20px; margin-top: 0; }
label { display: block; margin: 12px 0 4px; font-weight: 600; }
input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: 10px; font-size: 16px; border: 1px solid #bbb; border-radius: 6px; }
button { margin-top: 16px; padding: 10px 18px; font-size: 16px; border: 0; border-radius: 6px; background: #0b3d91; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #0b3d91; border: 1px solid #0b3d91; width: 100%; text-align: left; }
.error { background: #fff1f0; border: 1px solid #ffa39e; padding: 8px 12px; border-radius: 6px; }
.note { color: #595959; font-size: 14px; }
ul.identities { list-style: none; padding: 0; }
ul.identities li { margin-bottom: 8px; }
`;

function page(title: string, body: string) {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Định danh điện tử</title>
<link rel="stylesheet" href="/idp/assets/style.css">
</head>
<body>
<header><small>HỆ THỐNG ĐỊNH DANH VÀ XÁC THỰC ĐIỆN TỬ (BẢN TRÌNH DIỄN)</small><strong>Tài khoản định danh điện tử</strong></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

export type DemoIdentity = { id: string; label: string; detail: string };

export function loginPage(input: {
  uid: string;
  clientName: string;
  error?: string;
  demoIdentities: DemoIdentity[];
}) {
  const action = `/idp/interaction/${encodeURIComponent(input.uid)}/login`;
  const demo =
    input.demoIdentities.length === 0
      ? ''
      : `<p class="note">Bản trình diễn: chọn một danh tính mẫu để đăng nhập.</p>
<form method="post" action="${action}"><ul class="identities">
${input.demoIdentities
  .map(
    (identity) =>
      `<li><button class="secondary" type="submit" name="identityId" value="${escapeHtml(identity.id)}">${escapeHtml(identity.label)}<br><small>${escapeHtml(identity.detail)}</small></button></li>`,
  )
  .join('\n')}
</ul></form>
<hr>`;
  return page(
    'Đăng nhập',
    `<p>${escapeHtml(input.clientName)} đề nghị xác thực danh tính của bạn.</p>
${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ''}
${demo}
<form method="post" action="${action}">
<label for="username">Số định danh cá nhân (CCCD) hoặc mã số thuế</label>
<input id="username" name="username" type="text" inputmode="numeric" autocomplete="username" required>
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button>
</form>`,
  );
}

export function logoutPage(form: string, clientName: string | undefined) {
  return page(
    'Đăng xuất',
    `<p>Bạn muốn đăng xuất khỏi tài khoản định danh điện tử${clientName ? ` và ${escapeHtml(clientName)}` : ''}?</p>
${form}
<button form="op.logoutForm" type="submit" name="logout" value="yes">Đăng xuất</button>`,
  );
}

export const loggedOutPage = () =>
  page('Đã đăng xuất', '<p>Bạn đã đăng xuất khỏi tài khoản định danh điện tử.</p>');

export const errorPage = (message: string) =>
  page('Không thể hoàn tất đăng nhập', `<p class="error" role="alert">${escapeHtml(message)}</p>`);
