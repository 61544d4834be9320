/** A complete, valid birth-registration form (Đăng ký khai sinh) of the demo citizen Nguyễn Văn An. */
export const birthRegistrationForm = {
  hoTenNguoiYeuCau: 'Nguyễn Văn An',
  soCccdNguoiYeuCau: '079090001234',
  soDienThoai: '0912345678',
  quanHe: 'Cha',
  hoTenTre: 'Nguyễn Minh Khôi',
  ngaySinh: '2026-11-01',
  gioiTinh: 'Nam',
  noiSinh: 'Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh',
  hoTenMe: 'Lê Thị Mai',
};
