<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AudienceView</name>
    <message>
        <source>Back to the controls (F5)</source>
        <translation>Về màn hình điều khiển (F5)</translation>
    </message>
    <message>
        <source>This is the right answer.</source>
        <translation>Đây là đáp án đúng.</translation>
    </message>
    <message>
        <source>Group check</source>
        <translation>Kiểm tra nhóm</translation>
    </message>
    <message>
        <source>Lesson %1 of %2: %3</source>
        <translation>Bài %1/%2: %3</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Bước %1/%2</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Câu %1/%2</translation>
    </message>
    <message numerus="yes">
        <source>About %n minute(s)</source>
        <translation>
            <numerusform>Khoảng %n phút</numerusform>
        </translation>
    </message>
    <message>
        <source>Answer each question in your head or by raising your hand. The team member notes who can do it.</source>
        <translation>Bà con trả lời từng câu, nghĩ trong đầu hoặc giơ tay. Người hướng dẫn sẽ ghi nhận ai đã làm được.</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit log</source>
        <extracomment>The dates shown at first: the last month.</extracomment>
        <translation>Nhật ký hoạt động</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến ngày</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại việc</translation>
    </message>
    <message>
        <source>Since the start</source>
        <translation>Từ đầu</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>Sign-ins</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Staff accounts</source>
        <translation>Tài khoản cán bộ</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Người học</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Chứng nhận</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Settings, khóm/ấp, backups, lessons</source>
        <translation>Cài đặt, khóm/ấp, sao lưu, bài học</translation>
    </message>
    <message>
        <source>Group sessions</source>
        <translation>Buổi học nhóm</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Đang đọc…</translation>
    </message>
    <message>
        <source>No entries for these dates and this kind.</source>
        <translation>Không có mục nào trong những ngày này thuộc loại này.</translation>
    </message>
    <message>
        <source>%1 entries, newest first.</source>
        <translation>%1 mục, mới nhất ở trên.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>The audit log could not be read. The details are in the kiosk&apos;s log.</source>
        <translation>Không đọc được nhật ký hoạt động. Chi tiết lỗi nằm trong nhật ký của trạm.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Người làm</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Việc làm</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Dòng lệnh</translation>
    </message>
    <message>
        <source>The kiosk</source>
        <translation>Trạm</translation>
    </message>
    <message>
        <source>command line</source>
        <translation>dòng lệnh</translation>
    </message>
    <message>
        <source>first-start setup</source>
        <translation>thiết lập lần đầu</translation>
    </message>
    <message>
        <source>account stopped</source>
        <translation>tài khoản đã ngừng</translation>
    </message>
    <message>
        <source>account locked</source>
        <translation>tài khoản đang bị khóa</translation>
    </message>
    <message>
        <source>account no.</source>
        <translation>tài khoản số</translation>
    </message>
    <message>
        <source>username</source>
        <translation>tên đăng nhập</translation>
    </message>
    <message>
        <source>role</source>
        <translation>vai trò</translation>
    </message>
    <message>
        <source>before</source>
        <translation>trước</translation>
    </message>
    <message>
        <source>after</source>
        <translation>sau</translation>
    </message>
    <message>
        <source>by</source>
        <translation>qua</translation>
    </message>
    <message>
        <source>wrong PINs in a row</source>
        <translation>số lần sai liên tiếp</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>số phút</translation>
    </message>
    <message>
        <source>until</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>lý do</translation>
    </message>
    <message>
        <source>resident no.</source>
        <translation>người học số</translation>
    </message>
    <message>
        <source>learner code</source>
        <translation>mã học viên</translation>
    </message>
    <message>
        <source>nobody used the kiosk</source>
        <translation>không có ai thao tác</translation>
    </message>
    <message>
        <source>an unexpected error</source>
        <translation>lỗi bất ngờ</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>serial</source>
        <translation>số hiệu</translation>
    </message>
    <message>
        <source>serials</source>
        <translation>các số hiệu</translation>
    </message>
    <message>
        <source>certificates revoked</source>
        <translation>chứng nhận bị thu hồi</translation>
    </message>
    <message>
        <source>fields</source>
        <translation>các mục</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>cài đặt</translation>
    </message>
    <message>
        <source>khóm/ấp no.</source>
        <translation>khóm/ấp số</translation>
    </message>
    <message>
        <source>name</source>
        <translation>tên</translation>
    </message>
    <message>
        <source>population</source>
        <translation>số dân</translation>
    </message>
    <message>
        <source>households</source>
        <translation>số hộ</translation>
    </message>
    <message>
        <source>session no.</source>
        <translation>buổi học số</translation>
    </message>
    <message>
        <source>attended</source>
        <translation>số người có mặt</translation>
    </message>
    <message>
        <source>lessons completed</source>
        <translation>số bài đã học xong</translation>
    </message>
    <message>
        <source>skills completed</source>
        <translation>số kỹ năng đã hoàn thành</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>đạt</translation>
    </message>
    <message>
        <source>registered at the session</source>
        <translation>đăng ký tại buổi học</translation>
    </message>
    <message>
        <source>report</source>
        <translation>báo cáo</translation>
    </message>
    <message>
        <source>from</source>
        <translation>từ</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>format</source>
        <translation>định dạng</translation>
    </message>
    <message>
        <source>file</source>
        <translation>tệp</translation>
    </message>
    <message>
        <source>size</source>
        <translation>dung lượng</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>tự động</translation>
    </message>
    <message>
        <source>print job no.</source>
        <translation>lệnh in số</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>Nhập sai mã PIN</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>Khóa tài khoản</translation>
    </message>
    <message>
        <source>Sign-in refused</source>
        <translation>Từ chối đăng nhập</translation>
    </message>
    <message>
        <source>First-start setup</source>
        <translation>Thiết lập lần đầu</translation>
    </message>
    <message>
        <source>Staff member added</source>
        <translation>Thêm cán bộ</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Đổi vai trò</translation>
    </message>
    <message>
        <source>PIN reset</source>
        <translation>Đặt lại mã PIN</translation>
    </message>
    <message>
        <source>Account stopped</source>
        <translation>Ngừng tài khoản</translation>
    </message>
    <message>
        <source>Account used again</source>
        <translation>Mở lại tài khoản</translation>
    </message>
    <message>
        <source>Resident edited</source>
        <translation>Sửa thông tin người học</translation>
    </message>
    <message>
        <source>Duplicate residents merged</source>
        <translation>Gộp người học trùng</translation>
    </message>
    <message>
        <source>Resident&apos;s data exported</source>
        <translation>Xuất dữ liệu người học</translation>
    </message>
    <message>
        <source>Resident erased</source>
        <translation>Xóa người học</translation>
    </message>
    <message>
        <source>Certificate issued</source>
        <translation>Cấp chứng nhận</translation>
    </message>
    <message>
        <source>Certificate reissued</source>
        <translation>Cấp lại chứng nhận</translation>
    </message>
    <message>
        <source>Certificate revoked</source>
        <translation>Thu hồi chứng nhận</translation>
    </message>
    <message>
        <source>Certificate printed</source>
        <translation>In chứng nhận</translation>
    </message>
    <message>
        <source>Report exported</source>
        <translation>Xuất báo cáo</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>Thay đổi cài đặt</translation>
    </message>
    <message>
        <source>Khóm/ấp added</source>
        <translation>Thêm khóm/ấp</translation>
    </message>
    <message>
        <source>Khóm/ấp changed</source>
        <translation>Sửa khóm/ấp</translation>
    </message>
    <message>
        <source>Khóm/ấp reordered</source>
        <translation>Sắp xếp lại khóm/ấp</translation>
    </message>
    <message>
        <source>Khóm/ấp deleted</source>
        <translation>Xóa khóm/ấp</translation>
    </message>
    <message>
        <source>Khóm/ấp shown again</source>
        <translation>Dùng lại khóm/ấp</translation>
    </message>
    <message>
        <source>Khóm/ấp hidden</source>
        <translation>Ẩn khóm/ấp</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>Sao lưu dữ liệu</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Khôi phục dữ liệu</translation>
    </message>
    <message>
        <source>Lesson pack imported</source>
        <translation>Nhập gói bài học</translation>
    </message>
    <message>
        <source>Lesson pack change undone</source>
        <translation>Hoàn tác gói bài học</translation>
    </message>
    <message>
        <source>Group session started</source>
        <translation>Bắt đầu buổi học nhóm</translation>
    </message>
    <message>
        <source>Group session ended</source>
        <translation>Kết thúc buổi học nhóm</translation>
    </message>
    <message>
        <source>Attendance recorded</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <source>Attendance undone</source>
        <translation>Bỏ điểm danh</translation>
    </message>
    <message>
        <source>Check result recorded</source>
        <translation>Ghi kết quả kiểm tra</translation>
    </message>
    <message>
        <source>Whole group passed</source>
        <translation>Cả nhóm đạt</translation>
    </message>
    <message>
        <source>Session certificates</source>
        <translation>Chứng nhận của buổi học</translation>
    </message>
    <message>
        <source>Kiosk closed</source>
        <translation>Đóng Trạm</translation>
    </message>
</context>
<context>
    <name>BackupListModel</name>
    <message>
        <source>Made at</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Data before a restore</source>
        <translation>Dữ liệu trước khi khôi phục</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>Automatic backup</source>
        <translation>Sao lưu tự động</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>This kiosk uses a shared database on a server. Back it up and restore it with the server&apos;s own tools (pg_dump and pg_restore for PostgreSQL), where the server is looked after.</source>
        <translation>Trạm này dùng cơ sở dữ liệu chung trên máy chủ. Việc sao lưu và khôi phục làm bằng công cụ của máy chủ (pg_dump và pg_restore với PostgreSQL), tại nơi quản lý máy chủ.</translation>
    </message>
    <message>
        <source>Back the records up while the kiosk keeps working. The newest %1 automatic backups are kept in %2.</source>
        <translation>Sao lưu dữ liệu trong khi trạm vẫn hoạt động. Trạm giữ %1 bản sao lưu tự động mới nhất trong %2.</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Sao lưu ngay</translation>
    </message>
    <message>
        <source>Back up to a file…</source>
        <translation>Sao lưu ra tệp khác…</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>Chưa có bản sao lưu nào.</translation>
    </message>
    <message>
        <source>Restore the chosen backup…</source>
        <translation>Khôi phục bản đã chọn…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>Khôi phục từ tệp khác…</translation>
    </message>
    <message>
        <source>Stopped. Nothing was changed.</source>
        <translation>Đã dừng. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Save a backup</source>
        <translation>Lưu bản sao lưu</translation>
    </message>
    <message>
        <source>Kiosk backups (*.sqlite3)</source>
        <translation>Bản sao lưu của trạm (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Đang sao lưu…</translation>
    </message>
    <message>
        <source>Backed up to %1 (%2).</source>
        <translation>Đã sao lưu vào %1 (%2).</translation>
    </message>
    <message>
        <source>Choose a backup to restore</source>
        <translation>Chọn bản sao lưu để khôi phục</translation>
    </message>
    <message>
        <source>Kiosk backups (*.sqlite3 *.db);;All files (*)</source>
        <translation>Bản sao lưu của trạm (*.sqlite3 *.db);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Đang kiểm tra bản sao lưu…</translation>
    </message>
    <message>
        <source> Last change recorded in it: %1.</source>
        <translation> Lần ghi cuối trong bản này: %1.</translation>
    </message>
    <message>
        <source>Restore %1?

It holds %2 residents, %3 khóm/ấp and %4 certificates.%5

Every record of this kiosk will be replaced by this backup. The current records are backed up first, so this can be undone.</source>
        <translation>Khôi phục %1?

Bản này có %2 người dân, %3 khóm/ấp và %4 chứng nhận.%5

Toàn bộ dữ liệu của trạm sẽ được thay bằng bản sao lưu này. Dữ liệu hiện tại được sao lưu trước, nên có thể quay lại.</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Khôi phục bản sao lưu</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <source>Not restored. Nothing was changed.</source>
        <translation>Chưa khôi phục. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Đang khôi phục…</translation>
    </message>
    <message>
        <source>Restored from %1: %2 residents. The records it replaced are kept as the backup of %3. Sign out and in again so that every page shows the restored records.</source>
        <translation>Đã khôi phục từ %1: %2 người dân. Dữ liệu vừa bị thay được giữ trong bản sao lưu lúc %3. Anh/chị hãy đăng xuất rồi đăng nhập lại để mọi trang hiện dữ liệu đã khôi phục.</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation>Chứng nhận</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Waiting to print</source>
        <translation>Chờ in</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Đã cấp</translation>
    </message>
    <message>
        <source>Issue to a resident</source>
        <translation>Cấp cho người học</translation>
    </message>
</context>
<context>
    <name>ChoiceView</name>
    <message>
        <source>Choose every right answer, then touch “Check”.</source>
        <translation>Chọn tất cả các câu đúng, rồi chạm “Kiểm tra”.</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Some right answers are still missing.</source>
        <translation>Vẫn còn câu đúng chưa được chọn.</translation>
    </message>
    <message>
        <source>Not this time. The right answer is marked in green.</source>
        <translation>Lần này chưa đúng. Câu đúng được tô màu xanh.</translation>
    </message>
</context>
<context>
    <name>ChooseResidentScreen</name>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Sign up as new</source>
        <translation>Đăng ký mới</translation>
    </message>
    <message>
        <source>We could not find you. Please check your name, year of birth and khóm/ấp, or sign up.</source>
        <translation>Chưa tìm thấy bà con. Xin xem lại họ tên, năm sinh và khóm/ấp, hoặc đăng ký mới.</translation>
    </message>
    <message>
        <source>Which one is you?</source>
        <translation>Bà con là người nào?</translation>
    </message>
    <message>
        <source>%1, born %2 (code %3)</source>
        <translation>%1, sinh năm %2 (mã %3)</translation>
    </message>
</context>
<context>
    <name>CodeScreen</name>
    <message>
        <source>Type the code on your learner card</source>
        <translation>Nhập mã trên thẻ học viên</translation>
    </message>
    <message>
        <source>Or hold the card under the scanner.</source>
        <translation>Hoặc đưa thẻ vào dưới máy quét.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>I have no card: find me by name</source>
        <translation>Không có thẻ: tìm theo họ tên</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Tìm</translation>
    </message>
    <message numerus="yes">
        <source>A learner code has %n letters and digits, like the one on your card. Please type it again.</source>
        <translation>
            <numerusform>Mã học viên gồm %n chữ và số, như trên thẻ của bà con. Bà con nhập lại giúp nhé.</numerusform>
        </translation>
    </message>
    <message>
        <source>No learner has this code. Please check it, or find yourself by name.</source>
        <translation>Không có mã này. Xin xem lại, hoặc tìm theo họ tên.</translation>
    </message>
</context>
<context>
    <name>CommuneSection</name>
    <message>
        <source>Commune or ward</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <source>Province or city</source>
        <translation>Tỉnh/thành phố</translation>
    </message>
    <message>
        <source>Title of the signer</source>
        <translation>Chức danh người ký</translation>
    </message>
    <message>
        <source>Name of the signer</source>
        <translation>Họ tên người ký</translation>
    </message>
    <message>
        <source>Certificate paper</source>
        <translation>Khổ giấy chứng nhận</translation>
    </message>
    <message>
        <source>A4, landscape</source>
        <translation>A4, khổ ngang</translation>
    </message>
    <message>
        <source>A5, landscape</source>
        <translation>A5, khổ ngang</translation>
    </message>
    <message>
        <source>Certificate asked for at the kiosk</source>
        <translation>Người dân xin chứng nhận tại trạm</translation>
    </message>
    <message>
        <source>Queue it for staff to print</source>
        <translation>Xếp vào hàng chờ để cán bộ in</translation>
    </message>
    <message>
        <source>Print it at once</source>
        <translation>In ngay</translation>
    </message>
    <message>
        <source>Verify address</source>
        <translation>Địa chỉ kiểm tra</translation>
    </message>
    <message>
        <source>A web address put before the QR code&apos;s token. Leave empty: the code holds the token alone, which any kiosk can still check.</source>
        <translation>Địa chỉ web đặt trước mã kiểm tra trong mã QR. Để trống thì mã QR chỉ chứa mã kiểm tra, trạm nào cũng vẫn kiểm tra được.</translation>
    </message>
    <message>
        <source>Choose image…</source>
        <translation>Chọn ảnh…</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>Bỏ logo</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Chưa có logo</translation>
    </message>
    <message>
        <source>Logo on certificates</source>
        <translation>Logo trên giấy chứng nhận</translation>
    </message>
    <message>
        <source>A PNG or JPEG image. It is copied into the kiosk&apos;s data folder, so the original may be moved afterwards.</source>
        <translation>Ảnh PNG hoặc JPEG. Ảnh được chép vào thư mục dữ liệu của trạm, nên sau đó có thể di chuyển tệp gốc.</translation>
    </message>
    <message>
        <source>Cannot be shown</source>
        <translation>Không hiện được</translation>
    </message>
    <message>
        <source>Choose the commune&apos;s logo</source>
        <translation>Chọn logo của xã/phường</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Ảnh (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>This file cannot be shown as an image.</source>
        <translation>Tệp này không hiện được thành ảnh.</translation>
    </message>
</context>
<context>
    <name>CompletedScreen</name>
    <message>
        <source>Well done!</source>
        <translation>Giỏi quá!</translation>
    </message>
    <message>
        <source>Take the check again</source>
        <translation>Làm lại bài kiểm tra</translation>
    </message>
    <message>
        <source>Choose another lesson</source>
        <translation>Chọn bài khác</translation>
    </message>
    <message>
        <source>Get my certificate</source>
        <translation>Nhận giấy chứng nhận</translation>
    </message>
    <message>
        <source>Almost there</source>
        <translation>Sắp được rồi</translation>
    </message>
    <message>
        <source>You answered %1 of %2 questions right; %3 are needed. You can look at the lesson again or take the check once more.</source>
        <translation>Bà con trả lời đúng %1 / %2 câu; cần đúng %3 câu. Bà con có thể xem lại bài hoặc làm lại bài kiểm tra.</translation>
    </message>
    <message>
        <source>You have finished “%1”.</source>
        <translation>Bà con đã học xong bài “%1”.</translation>
    </message>
    <message>
        <source>You have completed the skill “%1”!</source>
        <translation>Bà con đã hoàn thành kỹ năng “%1”!</translation>
    </message>
    <message>
        <source>The final check of this skill is now open.</source>
        <translation>Bài kiểm tra cuối của kỹ năng này đã mở.</translation>
    </message>
    <message>
        <source>Thank you for telling us.</source>
        <translation>Cảm ơn bà con đã cho biết.</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <source>Before we start</source>
        <translation>Trước khi bắt đầu</translation>
    </message>
    <message>
        <source>To remember your lessons, the kiosk keeps: your full name, birth year, khóm/ấp, and a phone number if you wish.</source>
        <translation>Để nhớ bà con đã học đến đâu, trạm lưu: họ và tên, năm sinh, khóm/ấp, và số điện thoại nếu bà con muốn.</translation>
    </message>
    <message>
        <source>Why: so you can continue next time, receive a certificate, and so the commune can count how many people have learned.</source>
        <translation>Để làm gì: để lần sau học tiếp, để nhận giấy chứng nhận, và để phường, xã biết có bao nhiêu người đã học.</translation>
    </message>
    <message>
        <source>Who sees it: staff of %1 only.</source>
        <translation>Ai được xem: chỉ cán bộ của %1.</translation>
    </message>
    <message>
        <source>The kiosk never asks for your citizen ID number, photo, passwords or OTP codes.</source>
        <translation>Trạm không bao giờ hỏi số căn cước, ảnh chân dung, mật khẩu hay mã OTP của bà con.</translation>
    </message>
    <message>
        <source>You may ask staff to show, correct or delete your information at any time.</source>
        <translation>Bà con có thể nhờ cán bộ cho xem, sửa hoặc xóa thông tin của mình bất cứ lúc nào.</translation>
    </message>
    <message>
        <source>Do you agree?</source>
        <translation>Bà con có đồng ý không?</translation>
    </message>
    <message>
        <source>No, go back</source>
        <translation>Không, quay lại</translation>
    </message>
    <message>
        <source>I agree</source>
        <translation>Tôi đồng ý</translation>
    </message>
</context>
<context>
    <name>ConsoleScreen</name>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Người học</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Chứng nhận</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Group sessions</source>
        <translation>Buổi học nhóm</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Quản trị viên</translation>
    </message>
    <message>
        <source>Commune staff</source>
        <translation>Cán bộ xã/phường</translation>
    </message>
    <message>
        <source>Team member</source>
        <translation>Tổ viên tổ công nghệ số</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>Close the kiosk</source>
        <translation>Đóng Trạm</translation>
    </message>
    <message>
        <source>Close the kiosk?</source>
        <translation>Đóng Trạm?</translation>
    </message>
    <message>
        <source>The kiosk program closes and the computer&apos;s desktop shows. Residents cannot use the kiosk until it is started again.</source>
        <translation>Chương trình Trạm sẽ đóng lại và màn hình trở về máy tính. Bà con không dùng được Trạm cho đến khi Trạm được mở lại.</translation>
    </message>
    <message>
        <source>This page could not be opened. The error is in the kiosk&apos;s log; every other page works.</source>
        <translation>Không mở được trang này. Lỗi đã được ghi vào nhật ký của trạm; các trang khác vẫn dùng được.</translation>
    </message>
</context>
<context>
    <name>ControlView</name>
    <message>
        <source>Show the room&apos;s view (F5)</source>
        <translation>Xem màn hình chiếu (F5)</translation>
    </message>
    <message>
        <source>Leave for now</source>
        <translation>Tạm rời</translation>
    </message>
    <message>
        <source>The session stays open: continue or end it later from “Group sessions”.</source>
        <translation>Buổi học vẫn mở: anh/chị tiếp tục hoặc kết thúc sau ở trang “Buổi học nhóm”.</translation>
    </message>
    <message>
        <source>End the session</source>
        <translation>Kết thúc buổi học</translation>
    </message>
    <message>
        <source>The screen is black</source>
        <translation>Màn hình chiếu đang tắt đen</translation>
    </message>
    <message>
        <source>Notes for the presenter</source>
        <translation>Ghi chú cho người hướng dẫn</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Lùi lại</translation>
    </message>
    <message>
        <source>Show the answer</source>
        <translation>Hiện đáp án</translation>
    </message>
    <message>
        <source>Black screen (B)</source>
        <translation>Màn hình đen (B)</translation>
    </message>
    <message>
        <source>The projector shows this view too</source>
        <translation>Màn hình chiếu cũng đang hiện trang này</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Tiếp</translation>
    </message>
    <message>
        <source>Lesson %1: %2</source>
        <translation>Bài %1: %2</translation>
    </message>
    <message>
        <source>Group check</source>
        <translation>Kiểm tra nhóm</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Tiếp theo: %1</translation>
    </message>
    <message>
        <source>This is the last slide.</source>
        <translation>Đây là trang cuối.</translation>
    </message>
    <message>
        <source>No notes for this step.</source>
        <translation>Bước này không có ghi chú.</translation>
    </message>
    <message>
        <source>Back to the controls (F5)</source>
        <translation>Về màn hình điều khiển (F5)</translation>
    </message>
    <message>
        <source>question %1 of %2</source>
        <translation>câu %1/%2</translation>
    </message>
    <message>
        <source>Lesson %1 of %2</source>
        <translation>Bài %1/%2</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>bước %1/%2</translation>
    </message>
    <message>
        <source>Group check: tick who passed in the list on the right, or “The whole class passed”.</source>
        <translation>Kiểm tra nhóm: đánh dấu người đạt trong danh sách bên phải, hoặc chọn “Cả lớp đạt”.</translation>
    </message>
    <message>
        <source>End the session?</source>
        <translation>Kết thúc buổi học?</translation>
    </message>
    <message>
        <source>A note for the session&apos;s report (optional):</source>
        <translation>Ghi chú cho báo cáo buổi học (không bắt buộc):</translation>
    </message>
    <message>
        <source>Back to the session</source>
        <translation>Quay lại buổi học</translation>
    </message>
    <message>
        <source>End and save</source>
        <translation>Kết thúc và lưu</translation>
    </message>
    <message>
        <source>Counting who passed…</source>
        <translation>Đang tính số người đạt…</translation>
    </message>
    <message>
        <source>%1 people checked in; %2 passed the group check.</source>
        <translation>%1 người đã điểm danh; %2 người đạt kiểm tra nhóm.</translation>
    </message>
    <message>
        <source>%1 lessons will be recorded as completed in the group, and %2 skills completed.</source>
        <translation>Sẽ ghi nhận %1 lượt hoàn thành bài học theo nhóm và %2 kỹ năng hoàn thành.</translation>
    </message>
    <message>
        <source>%1 people without “Passed” keep their attendance only.</source>
        <translation>%1 người chưa có “Đạt” chỉ được ghi nhận có mặt.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>The session could not be ended: %1</source>
        <translation>Chưa kết thúc được buổi học: %1</translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <source>This message closes by itself.</source>
        <translation>Thông báo này sẽ tự đóng.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Something small went wrong. The kiosk is going back to the welcome screen; everything saved is kept. Please sign in again to go on.</source>
        <translation>Đã có lỗi nhỏ. Trạm quay về màn hình chính, mọi thông tin đã lưu vẫn còn nguyên. Anh/chị đăng nhập lại để làm tiếp.</translation>
    </message>
    <message>
        <source>Something small went wrong. The group session stays open; everything saved is kept.</source>
        <translation>Đã có lỗi nhỏ. Buổi học nhóm vẫn mở, mọi thông tin đã lưu vẫn còn nguyên.</translation>
    </message>
    <message>
        <source>Something small went wrong. The kiosk is going back to the welcome screen; what you have learned is saved.</source>
        <translation>Đã có lỗi nhỏ. Trạm quay về màn hình chính, phần đã học vẫn được lưu.</translation>
    </message>
</context>
<context>
    <name>EditPanel</name>
    <message>
        <source>Edit details</source>
        <translation>Sửa thông tin</translation>
    </message>
    <message>
        <source>Correct what was typed wrong. The learner code and everything learned stay as they are; certificates already printed keep the old details until they are issued again.</source>
        <translation>Sửa những gì đã nhập sai. Mã người học và mọi bài đã học vẫn giữ nguyên; chứng nhận đã in vẫn mang thông tin cũ cho đến khi được cấp lại.</translation>
    </message>
    <message>
        <source>Leave empty if none</source>
        <translation>Để trống nếu không có</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <source>Khóm/ấp</source>
        <translation>Khóm/ấp</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ErasePanel</name>
    <message>
        <source>Erase a person&apos;s data</source>
        <translation>Xóa dữ liệu của một người</translation>
    </message>
    <message>
        <source>Their details, progress, answers and group session attendance are deleted. Their certificates stay on the list of revoked certificates, without the name, and waiting print jobs for them are cancelled. This cannot be undone: export the data first if the person wants a copy.</source>
        <translation>Thông tin cá nhân, tiến độ học, câu trả lời và việc dự buổi học nhóm của người này sẽ bị xóa. Chứng nhận của họ vẫn nằm trong danh sách chứng nhận đã thu hồi nhưng không còn họ tên; các việc in chứng nhận đó đang chờ sẽ bị hủy. Không thể hoàn tác: nếu người dân muốn giữ một bản, hãy xuất dữ liệu trước.</translation>
    </message>
    <message>
        <source>Reason (kept in the log; do not write the person&apos;s name or phone)</source>
        <translation>Lý do (được lưu trong nhật ký; không ghi họ tên hay số điện thoại của người dân)</translation>
    </message>
    <message>
        <source>The person asked to be erased</source>
        <translation>Người dân yêu cầu xóa</translation>
    </message>
    <message>
        <source>Registered by mistake</source>
        <translation>Đăng ký nhầm</translation>
    </message>
    <message>
        <source>The person has died</source>
        <translation>Người dân đã qua đời</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Xóa vĩnh viễn</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>%1, born %2, %3</source>
        <translation>%1, sinh năm %2, %3</translation>
    </message>
    <message>
        <source>To confirm, type the learner code %1:</source>
        <translation>Để xác nhận, anh/chị hãy gõ mã người học %1:</translation>
    </message>
    <message>
        <source>Erasing…</source>
        <translation>Đang xóa…</translation>
    </message>
    <message>
        <source>Nothing was erased. (%1)</source>
        <translation>Chưa xóa gì cả. (%1)</translation>
    </message>
</context>
<context>
    <name>HamletEditor</name>
    <message>
        <source>unknown</source>
        <translation>chưa biết</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Số dân</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Số hộ</translation>
    </message>
    <message>
        <source>New khóm/ấp</source>
        <translation>Khóm/ấp mới</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Lên trên</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Xuống dưới</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Edit: %1</source>
        <translation>Sửa: %1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Show in registration</source>
        <translation>Hiện lại khi đăng ký</translation>
    </message>
    <message>
        <source>Hide from registration</source>
        <translation>Ẩn khỏi đăng ký</translation>
    </message>
    <message>
        <source>It has residents: hide it instead.</source>
        <translation>Khóm/ấp này có người dân: hãy ẩn thay vì xoá.</translation>
    </message>
    <message>
        <source>Added. It is offered at registration now.</source>
        <translation>Đã thêm. Màn hình đăng ký đã có khóm/ấp này.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <source>Moved. Registration lists it in this order.</source>
        <translation>Đã chuyển chỗ. Màn hình đăng ký xếp theo thứ tự này.</translation>
    </message>
    <message>
        <source>Shown at registration again.</source>
        <translation>Đã hiện lại trên màn hình đăng ký.</translation>
    </message>
    <message>
        <source>Hidden from registration. Its residents and figures stay.</source>
        <translation>Đã ẩn khỏi màn hình đăng ký. Người dân và số liệu của khóm/ấp vẫn giữ nguyên.</translation>
    </message>
    <message>
        <source>Delete khóm/ấp</source>
        <translation>Xoá khóm/ấp</translation>
    </message>
    <message>
        <source>Delete “%1” from the list? Nobody is registered in it.</source>
        <translation>Xoá “%1” khỏi danh sách? Chưa có ai đăng ký ở khóm/ấp này.</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Đã xoá.</translation>
    </message>
</context>
<context>
    <name>HamletTableModel</name>
    <message>
        <source>Khóm/ấp</source>
        <translation>Khóm/ấp</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Số dân</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Số hộ</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Người dân</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1 (đang ẩn)</translation>
    </message>
</context>
<context>
    <name>IdentityScreen</name>
    <message>
        <source>Sign up</source>
        <translation>Đăng ký</translation>
    </message>
    <message>
        <source>Find my lessons</source>
        <translation>Học tiếp</translation>
    </message>
    <message>
        <source>Your full name</source>
        <translation>Họ và tên của bà con</translation>
    </message>
    <message>
        <source>For example: Nguyễn Thị Hoa. Use the letter keys and the tone keys.</source>
        <translation>Ví dụ: Nguyễn Thị Hoa. Chạm các phím chữ, rồi phím dấu ngay sau chữ cần dấu.</translation>
    </message>
    <message>
        <source>Your year of birth</source>
        <translation>Năm sinh của bà con</translation>
    </message>
    <message>
        <source>For example: 1958</source>
        <translation>Ví dụ: 1958</translation>
    </message>
    <message>
        <source>Which khóm/ấp do you live in?</source>
        <translation>Bà con ở khóm/ấp nào?</translation>
    </message>
    <message>
        <source>Phone number (you may skip this)</source>
        <translation>Số điện thoại (có thể bỏ qua)</translation>
    </message>
    <message>
        <source>Only staff see it, to remind you of group lessons.</source>
        <translation>Chỉ cán bộ được xem, để báo cho bà con khi có buổi học chung.</translation>
    </message>
    <message>
        <source>Is this right?</source>
        <translation>Thông tin này đúng chưa?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Câu %1 / %2</translation>
    </message>
    <message>
        <source>Yes, sign me up</source>
        <translation>Đúng rồi, đăng ký</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Tìm</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Please type your full name.</source>
        <translation>Xin nhập họ và tên.</translation>
    </message>
    <message>
        <source>A name needs letters.</source>
        <translation>Họ tên cần có chữ cái.</translation>
    </message>
    <message numerus="yes">
        <source>This name is too long: at most %n letters.</source>
        <translation>
            <numerusform>Tên dài quá, tối đa %n ký tự.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A name has at most %n letters: nothing more can be typed.</source>
        <translation>
            <numerusform>Tên dài tối đa %n ký tự: không gõ thêm được nữa.</numerusform>
        </translation>
    </message>
    <message>
        <source>Signs that are not part of a name were taken out. Please check the name, then touch Next.</source>
        <translation>Đã bỏ các ký hiệu không phải chữ. Bà con xem lại tên rồi chạm “Tiếp tục”.</translation>
    </message>
    <message>
        <source>Please type the year with 4 digits, for example 1958.</source>
        <translation>Xin nhập năm sinh đủ 4 chữ số, ví dụ 1958.</translation>
    </message>
    <message>
        <source>Please check the year of birth.</source>
        <translation>Xin xem lại năm sinh.</translation>
    </message>
    <message>
        <source>Please touch your khóm/ấp.</source>
        <translation>Xin chạm vào tên khóm/ấp của bà con.</translation>
    </message>
    <message>
        <source>A phone number has 10 digits and starts with 0. You may also leave it empty.</source>
        <translation>Số điện thoại có 10 chữ số, bắt đầu bằng số 0. Bà con cũng có thể để trống.</translation>
    </message>
    <message>
        <source>Please check this answer.</source>
        <translation>Xin xem lại câu trả lời này.</translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation>Họ tên: %1</translation>
    </message>
    <message>
        <source>Year of birth: %1</source>
        <translation>Năm sinh: %1</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>Điện thoại: %1</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <source>Touch the screen to continue.</source>
        <translation>Chạm vào màn hình để tiếp tục.</translation>
    </message>
    <message>
        <source>Are you still working?</source>
        <translation>Anh/chị còn làm việc không?</translation>
    </message>
    <message>
        <source>seconds until the console signs out, to keep residents&apos; records private.</source>
        <translation>giây nữa Trạm sẽ tự đăng xuất để giữ kín thông tin của bà con.</translation>
    </message>
    <message>
        <source>I am still working</source>
        <translation>Tôi vẫn đang làm việc</translation>
    </message>
    <message>
        <source>Are you still there?</source>
        <translation>Bà con còn ở đây không?</translation>
    </message>
    <message>
        <source>seconds until the kiosk goes back to the welcome screen. What you have learned is saved.</source>
        <translation>giây nữa Trạm sẽ quay về màn hình chính. Phần đã học vẫn được lưu.</translation>
    </message>
    <message>
        <source>I am still learning</source>
        <translation>Tôi vẫn đang học</translation>
    </message>
</context>
<context>
    <name>IssuePanel</name>
    <message>
        <source>Name, birth year, khóm/ấp or learner code</source>
        <translation>Họ tên, năm sinh, khóm/ấp hoặc mã học viên</translation>
    </message>
    <message>
        <source>Find the resident, then touch their name.</source>
        <translation>Tìm người học, rồi chạm vào tên của họ.</translation>
    </message>
    <message>
        <source>Another resident</source>
        <translation>Chọn người khác</translation>
    </message>
    <message>
        <source>Nobody found. Check the spelling, or type fewer words.</source>
        <translation>Không tìm thấy ai. Hãy kiểm tra lại chữ đã gõ, hoặc gõ ít từ hơn.</translation>
    </message>
    <message numerus="yes">
        <source>The first %n shown; type more to narrow it down.</source>
        <translation>
            <numerusform>Đang hiện %n người đầu tiên; gõ thêm để tìm gọn hơn.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resident(s) found.</source>
        <translation>
            <numerusform>Tìm thấy %n người.</numerusform>
        </translation>
    </message>
    <message>
        <source>This resident&apos;s record is no longer there.</source>
        <translation>Hồ sơ của người này không còn nữa.</translation>
    </message>
    <message>
        <source>Born %1 · %2 · learner code %3</source>
        <translation>Sinh năm %1 · %2 · mã học viên %3</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Cấp</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>No lessons for this skill at this kiosk.</source>
        <translation>Trạm chưa có bài học nào cho kỹ năng này.</translation>
    </message>
    <message>
        <source>Not completed: %1 of %2 lessons done.</source>
        <translation>Chưa hoàn thành: đã xong %1/%2 bài.</translation>
    </message>
    <message>
        <source>Needs all five skills: %1 of 5 completed.</source>
        <translation>Cần hoàn thành cả năm kỹ năng: đã xong %1/5.</translation>
    </message>
    <message>
        <source>Completed %1.</source>
        <translation>Hoàn thành ngày %1.</translation>
    </message>
    <message>
        <source>No certificate yet.</source>
        <translation>Chưa cấp chứng nhận.</translation>
    </message>
    <message>
        <source>Certificate %1, issued %2.</source>
        <translation>Đã có chứng nhận số %1, cấp ngày %2.</translation>
    </message>
    <message>
        <source>Issue all (%1)</source>
        <translation>Cấp tất cả (%1)</translation>
    </message>
    <message>
        <source>Issued certificate %1.</source>
        <translation>Đã cấp chứng nhận số %1.</translation>
    </message>
    <message>
        <source>Certificate %1 is in the print queue.</source>
        <translation>Chứng nhận số %1 đã vào hàng chờ in.</translation>
    </message>
</context>
<context>
    <name>IssuedModel</name>
    <message>
        <source>Replaced by %1</source>
        <extracomment>Room above and below a row&apos;s text, so that a finger can choose it.</extracomment>
        <translation>Đã thay bằng số %1</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Đã thu hồi</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Còn hiệu lực</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Số hiệu</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Chứng nhận</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
</context>
<context>
    <name>IssuedPanel</name>
    <message>
        <source>Serial, or the resident&apos;s name</source>
        <extracomment>Typing pauses this long before the list is looked up again.</extracomment>
        <translation>Số hiệu, hoặc họ tên người học</translation>
    </message>
    <message>
        <source>Resident&apos;s certificates</source>
        <translation>Chứng nhận của người này</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Reissue…</source>
        <translation>Cấp lại…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Thu hồi…</translation>
    </message>
    <message>
        <source>Why is it revoked? (required)</source>
        <translation>Lý do thu hồi (bắt buộc)</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>No certificate found.</source>
        <translation>Không tìm thấy chứng nhận nào.</translation>
    </message>
    <message>
        <source>No certificate has been issued yet.</source>
        <translation>Chưa cấp chứng nhận nào.</translation>
    </message>
    <message numerus="yes">
        <source>The newest %n shown; type a serial or a name to find others.</source>
        <translation>
            <numerusform>Đang hiện %n chứng nhận mới nhất; gõ số hiệu hoặc họ tên để tìm các chứng nhận khác.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s), newest first.</source>
        <translation>
            <numerusform>%n chứng nhận, mới nhất ở trên cùng.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoked on %1: %2</source>
        <translation>Đã thu hồi ngày %1: %2</translation>
    </message>
    <message>
        <source>Preparing certificate %1 for printing…</source>
        <translation>Đang chuẩn bị in chứng nhận số %1…</translation>
    </message>
    <message>
        <source>Certificate %1 is in the print queue.</source>
        <translation>Chứng nhận số %1 đã vào hàng chờ in.</translation>
    </message>
    <message>
        <source>issued %1</source>
        <translation>cấp ngày %1</translation>
    </message>
    <message>
        <source>Revoke certificate %1 of %2? Its QR code will then say it is revoked, with the reason typed here. This cannot be undone.</source>
        <translation>Thu hồi chứng nhận số %1 của %2? Từ đó mã QR của chứng nhận sẽ báo đã thu hồi, kèm lý do anh/chị ghi dưới đây. Việc này không hoàn tác được.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Thu hồi</translation>
    </message>
    <message>
        <source>Reissue certificate %1 of %2? A new certificate with a new serial is made from the resident&apos;s record as it is now (for a lost or damaged paper, or a corrected name); %1 is revoked and points to the new one.</source>
        <translation>Cấp lại chứng nhận số %1 của %2? Một chứng nhận mới, số hiệu mới, được lập theo hồ sơ hiện tại của người học (khi mất giấy, hỏng giấy hoặc đã sửa họ tên); chứng nhận số %1 bị thu hồi và chỉ sang chứng nhận mới.</translation>
    </message>
    <message>
        <source>Reissue</source>
        <translation>Cấp lại</translation>
    </message>
    <message>
        <source>Certificate %1 is revoked.</source>
        <translation>Đã thu hồi chứng nhận số %1.</translation>
    </message>
    <message>
        <source>Reissued: certificate %1 replaces %2. Touch “Print” to print it.</source>
        <translation>Đã cấp lại: chứng nhận số %1 thay cho số %2. Chạm “In” để in.</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <source>Not printed: %1</source>
        <translation>Chưa in được: %1</translation>
    </message>
    <message>
        <source>Waiting: %1</source>
        <translation>Đang chờ: %1</translation>
    </message>
</context>
<context>
    <name>KioskFlow</name>
    <message>
        <source>You are not signed up yet. What you typed is kept: touch “Try again”.</source>
        <translation>Bà con chưa đăng ký xong. Thông tin đã nhập vẫn được giữ: chạm “Thử lại”.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>The kiosk is still saving your results. Please ask again in a moment.</source>
        <translation>Trạm vẫn đang lưu kết quả của bà con. Bà con chờ một lát rồi chạm lại.</translation>
    </message>
    <message>
        <source>The certificate cannot be prepared just now. Please ask again in a moment.</source>
        <translation>Lúc này trạm chưa chuẩn bị được giấy chứng nhận. Bà con chờ một lát rồi chạm lại.</translation>
    </message>
    <message>
        <source>The certificate could not be prepared. Please ask a staff member for help.</source>
        <translation>Chưa chuẩn bị được giấy chứng nhận. Xin bà con nhờ cán bộ giúp.</translation>
    </message>
    <message>
        <source>Your request is recorded. Commune staff will print your certificate and hand it to you.</source>
        <translation>Đã ghi yêu cầu. Cán bộ xã sẽ in và trao giấy chứng nhận cho bà con.</translation>
    </message>
    <message>
        <source>Printing your certificate…</source>
        <translation>Đang in giấy chứng nhận…</translation>
    </message>
    <message>
        <source>Your certificate is printed. Please take it from the printer.</source>
        <translation>Đã in xong. Mời bà con lấy giấy chứng nhận ở máy in.</translation>
    </message>
    <message>
        <source>The printer could not print it now. Your certificate is kept; commune staff will print it for you.</source>
        <translation>Máy in chưa in được lúc này. Giấy chứng nhận đã được lưu; cán bộ xã sẽ in cho bà con.</translation>
    </message>
</context>
<context>
    <name>KioskSection</name>
    <message>
        <source>The system&apos;s default printer</source>
        <translation>Máy in mặc định của hệ thống</translation>
    </message>
    <message>
        <source>Printer for certificates</source>
        <translation>Máy in chứng nhận</translation>
    </message>
    <message>
        <source>No printer is installed on this machine yet.</source>
        <translation>Máy này chưa cài máy in nào.</translation>
    </message>
    <message>
        <source>Back to the welcome screen after</source>
        <translation>Về màn hình chào sau</translation>
    </message>
    <message>
        <source>Seconds without a touch, from 30 to 3600.</source>
        <translation>Số giây không ai chạm, từ 30 đến 3600.</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Cỡ chữ</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Bình thường</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>Lớn</translation>
    </message>
    <message>
        <source>Very large</source>
        <translation>Rất lớn</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Màu sắc</translation>
    </message>
    <message>
        <source>High contrast (white and yellow on black)</source>
        <translation>Tương phản cao (chữ trắng, vàng trên nền đen)</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Đọc to</translation>
    </message>
    <message>
        <source>Show the read-aloud button on every step</source>
        <translation>Hiện nút đọc to ở mỗi bước</translation>
    </message>
    <message>
        <source>Read automatically</source>
        <translation>Tự đọc</translation>
    </message>
    <message>
        <source>Read each step aloud as soon as it is shown</source>
        <translation>Tự đọc to mỗi bước ngay khi hiện</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>Automatic backup every (hours)</source>
        <translation>Tự sao lưu sau mỗi (giờ)</translation>
    </message>
    <message>
        <source>Made in the background while the welcome screen waits; 0 switches them off (0 to 720).</source>
        <translation>Trạm tự sao lưu khi đang chờ ở màn hình chào; 0 là tắt (từ 0 đến 720).</translation>
    </message>
    <message>
        <source>Automatic backups kept</source>
        <translation>Số bản sao lưu tự động giữ lại</translation>
    </message>
    <message>
        <source>The newest ones stay; older ones are deleted after each backup (1 to 365).</source>
        <translation>Giữ các bản mới nhất; bản cũ hơn bị xoá sau mỗi lần sao lưu (từ 1 đến 365).</translation>
    </message>
</context>
<context>
    <name>LessonImportPanel</name>
    <message>
        <source>The environment variable %1 chooses the lessons folder: an imported pack is used only once it is removed.</source>
        <translation>Biến môi trường %1 đang chọn thư mục bài học: gói nhập vào chỉ được dùng khi bỏ biến này.</translation>
    </message>
    <message>
        <source>Choose a folder or a .zip file of lessons (one folder per skill). It is checked first; nothing changes until you choose Replace.</source>
        <translation>Chọn một thư mục hoặc tệp .zip bài học (mỗi kỹ năng một thư mục). Gói được kiểm tra trước; chưa có gì thay đổi cho đến khi anh/chị chọn Thay thế.</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Chọn thư mục…</translation>
    </message>
    <message>
        <source>Choose a .zip file…</source>
        <translation>Chọn tệp .zip…</translation>
    </message>
    <message>
        <source>Go back to the previous pack…</source>
        <translation>Quay lại gói trước…</translation>
    </message>
    <message>
        <source>Replace anyway: the lessons with errors are switched off</source>
        <translation>Vẫn thay thế: các bài có lỗi sẽ bị tắt</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Thay thế</translation>
    </message>
    <message>
        <source>Discard this pack</source>
        <translation>Bỏ gói này</translation>
    </message>
    <message>
        <source>the lessons that come with the kiosk</source>
        <translation>bài học có sẵn của phần mềm</translation>
    </message>
    <message numerus="yes">
        <source>In use: %1, %n lesson(s).</source>
        <translation>
            <numerusform>Đang dùng: %1, %n bài học.</numerusform>
        </translation>
    </message>
    <message>
        <source>From the next start: %1</source>
        <translation>Từ lần mở trạm tới: %1</translation>
    </message>
    <message>
        <source>Stopped. Nothing was changed.</source>
        <translation>Đã dừng. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Choose the folder of the lesson pack</source>
        <translation>Chọn thư mục gói bài học</translation>
    </message>
    <message>
        <source>Choose the lesson pack</source>
        <translation>Chọn gói bài học</translation>
    </message>
    <message>
        <source>Lesson packs (*.zip)</source>
        <translation>Gói bài học (*.zip)</translation>
    </message>
    <message>
        <source>Checking the lessons…</source>
        <translation>Đang kiểm tra bài học…</translation>
    </message>
    <message>
        <source>Checked: %1</source>
        <translation>Đã kiểm tra: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n lesson(s)</source>
        <translation>
            <numerusform>%1: %n bài</numerusform>
        </translation>
    </message>
    <message>
        <source>This pack has no lesson that works, so it cannot replace the lessons.</source>
        <translation>Gói này không có bài nào dùng được, nên không thể thay bài học.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found; %1 lesson file(s) would be switched off. Correct them in the pack, or replace anyway.</source>
        <translation>
            <numerusform>Có %n lỗi; %1 tệp bài học sẽ bị tắt. Hãy sửa trong gói, hoặc vẫn thay thế.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No problems: %n lesson(s) ready to use.</source>
        <translation>
            <numerusform>Không có lỗi: %n bài sẵn sàng để dùng.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discarded. The lessons were not changed.</source>
        <translation>Đã bỏ gói. Bài học không thay đổi.</translation>
    </message>
    <message>
        <source>The lessons were not replaced.</source>
        <translation>Bài học chưa được thay.</translation>
    </message>
    <message numerus="yes">
        <source>Replaced: %n lesson(s) in %1. The kiosk uses them when it is opened again; the previous pack is kept.</source>
        <translation>
            <numerusform>Đã thay: %n bài trong %1. Trạm dùng các bài này khi mở lại; gói trước vẫn được giữ.</numerusform>
        </translation>
    </message>
    <message>
        <source>Previous lesson pack</source>
        <translation>Gói bài học trước</translation>
    </message>
    <message>
        <source>Go back to the lessons used before the last import? The imported pack is removed.</source>
        <translation>Quay lại bài học đã dùng trước lần nhập gần nhất? Gói vừa nhập sẽ bị xoá.</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Back to the previous lessons (%1); used when the kiosk is opened again.</source>
        <translation>Đã quay lại bài học trước (%1); trạm dùng khi mở lại.</translation>
    </message>
</context>
<context>
    <name>LessonListScreen</name>
    <message>
        <source>Back to the skills</source>
        <translation>Về các kỹ năng</translation>
    </message>
    <message>
        <source>Opens when you have finished the lessons above</source>
        <translation>Học xong các bài ở trên thì bài này sẽ mở</translation>
    </message>
    <message>
        <source>Done ✓</source>
        <translation>Đã học xong ✓</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Bước %1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>About %n minute(s)</source>
        <translation>
            <numerusform>Khoảng %n phút</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Staff sign-in</source>
        <extracomment>The sign-in closes after this long without a touch.</extracomment>
        <translation>Đăng nhập cán bộ</translation>
    </message>
    <message>
        <source>Touch your name.</source>
        <translation>Anh/chị chạm vào tên của mình.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>No staff account is in use. An administrator can add one or reset a PIN from the command line: kiosk staff add, kiosk staff reset-pin.</source>
        <translation>Chưa có tài khoản cán bộ nào đang dùng. Quản trị viên có thể thêm tài khoản hoặc đặt lại mã PIN bằng dòng lệnh: kiosk staff add, kiosk staff reset-pin.</translation>
    </message>
    <message>
        <source>Hello, %1</source>
        <translation>Xin chào, %1</translation>
    </message>
    <message>
        <source>Type your PIN, then touch OK.</source>
        <translation>Anh/chị nhập mã PIN rồi chạm OK.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>The PIN could not be checked: the kiosk&apos;s records cannot be read. Please try again.</source>
        <translation>Chưa kiểm tra được mã PIN vì trạm không đọc được dữ liệu. Anh/chị hãy thử lại.</translation>
    </message>
    <message>
        <source>The lock has passed. Type your PIN, then touch OK.</source>
        <translation>Đã hết thời gian khóa. Anh/chị nhập mã PIN rồi chạm OK.</translation>
    </message>
    <message>
        <source>The account could not be saved: the kiosk&apos;s records cannot be written.</source>
        <translation>Chưa lưu được tài khoản vì trạm không ghi được dữ liệu.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Digital Skills Station</source>
        <translation>Trạm Kỹ năng số</translation>
    </message>
    <message>
        <source>The kiosk cannot open its records. Please ask a staff member for help.</source>
        <translation>Trạm chưa mở được sổ ghi chép. Xin bà con nhờ cán bộ giúp.</translation>
    </message>
    <message numerus="yes">
        <source>%n lesson(s) are switched off because of errors (staff: Ctrl+Shift+L).</source>
        <translation>
            <numerusform>Có %n bài học đang tạm tắt vì lỗi (cán bộ: Ctrl+Shift+L).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>The automatic backup at %1 failed: %2</source>
        <extracomment>How often the kiosk looks whether a backup is due (milliseconds). The first look, once start-up is over: late enough to leave the first resident be. After a failure, the next try waits this long.</extracomment>
        <translation>Sao lưu tự động lúc %1 không thành công: %2</translation>
    </message>
</context>
<context>
    <name>MergePanel</name>
    <message>
        <source>Merge two records of the same person</source>
        <translation>Gộp hai hồ sơ của cùng một người</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Everything of the record on the right (lessons, answers, certificates, group sessions) moves to the record on the left, then the record on the right is deleted. This cannot be undone.</source>
        <translation>Mọi thứ của hồ sơ bên phải (bài học, câu trả lời, chứng nhận, buổi học nhóm) được chuyển sang hồ sơ bên trái, sau đó hồ sơ bên phải bị xóa. Không thể hoàn tác.</translation>
    </message>
    <message>
        <source>Merge the two records</source>
        <translation>Gộp hai hồ sơ</translation>
    </message>
    <message>
        <source>Keep the other one</source>
        <translation>Giữ hồ sơ kia</translation>
    </message>
    <message>
        <source>Find the other record of %1 (born %2): by name, phone or learner code.</source>
        <translation>Tìm hồ sơ còn lại của %1 (sinh năm %2) theo tên, số điện thoại hoặc mã người học.</translation>
    </message>
    <message>
        <source>Keep this record</source>
        <translation>Giữ lại hồ sơ này</translation>
    </message>
    <message>
        <source>Move into the left one, then delete</source>
        <translation>Chuyển sang hồ sơ bên trái, rồi xóa</translation>
    </message>
    <message>
        <source>Born %1</source>
        <translation>Sinh năm %1</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>Điện thoại: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>Learner code %1</source>
        <translation>Mã người học %1</translation>
    </message>
    <message>
        <source>Registered on %1</source>
        <translation>Đăng ký ngày %1</translation>
    </message>
    <message>
        <source>Lessons: %1 completed, %2 started</source>
        <translation>Bài học: %1 bài đã xong, %2 bài đã bắt đầu</translation>
    </message>
    <message>
        <source>Certificates: %1</source>
        <translation>Chứng nhận: %1</translation>
    </message>
    <message>
        <source>Group sessions: %1</source>
        <translation>Buổi học nhóm: %1</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>Đang gộp…</translation>
    </message>
    <message>
        <source>The records were not merged; nothing was changed. (%1)</source>
        <translation>Chưa gộp được; chưa có gì thay đổi. (%1)</translation>
    </message>
</context>
<context>
    <name>NewPersonForm</name>
    <message>
        <source>Someone new</source>
        <translation>Người mới</translation>
    </message>
    <message>
        <source>Read this to them before anything is stored:</source>
        <translation>Anh/chị đọc cho bà con nghe trước khi lưu:</translation>
    </message>
    <message>
        <source>If they wish</source>
        <translation>Nếu bà con muốn</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <source>Khóm/ấp</source>
        <translation>Khóm/ấp</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>I read this to them and they agree</source>
        <translation>Tôi đã đọc cho bà con nghe và bà con đồng ý</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Save and check in</source>
        <translation>Lưu và điểm danh</translation>
    </message>
    <message>
        <source>Please enter their full name.</source>
        <translation>Anh/chị hãy nhập họ và tên.</translation>
    </message>
    <message>
        <source>A name needs letters.</source>
        <translation>Họ tên phải có chữ cái.</translation>
    </message>
    <message>
        <source>The name is too long (at most 200 letters).</source>
        <translation>Họ tên dài quá (tối đa 200 chữ cái).</translation>
    </message>
    <message>
        <source>Please enter the year of birth, e.g. 1958.</source>
        <translation>Anh/chị hãy nhập năm sinh, ví dụ 1958.</translation>
    </message>
    <message>
        <source>Please check the year of birth.</source>
        <translation>Anh/chị hãy xem lại năm sinh.</translation>
    </message>
    <message>
        <source>The phone number should have 10 or 11 digits and start with 0; or leave it empty.</source>
        <translation>Số điện thoại có 10 hoặc 11 chữ số, bắt đầu bằng 0; hoặc để trống.</translation>
    </message>
    <message>
        <source>Please choose their khóm/ấp.</source>
        <translation>Anh/chị hãy chọn khóm/ấp.</translation>
    </message>
    <message>
        <source>They must agree before anything is stored.</source>
        <translation>Bà con phải đồng ý thì mới được lưu thông tin.</translation>
    </message>
    <message>
        <source>Please check what was entered.</source>
        <translation>Anh/chị hãy xem lại thông tin đã nhập.</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Cách</translation>
    </message>
    <message>
        <source>Capitals</source>
        <comment>key: the next letter is a capital</comment>
        <translation>Chữ hoa</translation>
    </message>
    <message>
        <source>123</source>
        <comment>key: show the number keys</comment>
        <translation>123</translation>
    </message>
    <message>
        <source>ABC</source>
        <comment>key: show the letter keys</comment>
        <translation>ABC</translation>
    </message>
    <message>
        <source>acute</source>
        <comment>Vietnamese tone mark sắc</comment>
        <translation>sắc</translation>
    </message>
    <message>
        <source>grave</source>
        <comment>Vietnamese tone mark huyền</comment>
        <translation>huyền</translation>
    </message>
    <message>
        <source>hook</source>
        <comment>Vietnamese tone mark hỏi</comment>
        <translation>hỏi</translation>
    </message>
    <message>
        <source>tilde</source>
        <comment>Vietnamese tone mark ngã</comment>
        <translation>ngã</translation>
    </message>
    <message>
        <source>dot</source>
        <comment>Vietnamese tone mark nặng</comment>
        <translation>nặng</translation>
    </message>
</context>
<context>
    <name>OrderView</name>
    <message>
        <source>Touch the steps in the right order.</source>
        <translation>Chạm lần lượt vào từng bước theo đúng thứ tự.</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <source>Step %1 is not in its place yet.</source>
        <translation>Bước thứ %1 chưa đúng chỗ.</translation>
    </message>
    <message>
        <source>This is the right order.</source>
        <translation>Đây là thứ tự đúng.</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Residents registered</source>
        <translation>Người học đã đăng ký</translation>
    </message>
    <message>
        <source>Learning this month</source>
        <translation>Đang học trong tháng</translation>
    </message>
    <message>
        <source>Skills completed</source>
        <translation>Lượt hoàn thành kỹ năng</translation>
    </message>
    <message>
        <source>“Công dân số”: all five skills</source>
        <translation>“Công dân số”: đủ 5 kỹ năng</translation>
    </message>
    <message>
        <source>Coverage report</source>
        <translation>Báo cáo bao phủ</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Kết quả tự báo cáo</translation>
    </message>
    <message>
        <source>Group sessions</source>
        <translation>Buổi học nhóm</translation>
    </message>
    <message>
        <source>Hardest steps</source>
        <translation>Bước khó</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Đang đếm…</translation>
    </message>
    <message>
        <source>Residents who completed each skill</source>
        <translation>Số người đã hoàn thành từng kỹ năng</translation>
    </message>
    <message>
        <source>Skills completed, by khóm/ấp</source>
        <translation>Lượt hoàn thành kỹ năng theo khóm/ấp</translation>
    </message>
    <message>
        <source>The figures could not be counted. The details are in the kiosk&apos;s log.</source>
        <translation>Không đếm được số liệu. Chi tiết lỗi có trong nhật ký của trạm.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Delete</source>
        <extracomment>Keys are this tall at least (the kiosk&apos;s touch minimum is 64 px), and at most the larger size when there is room; each is KEY_WIDTH wide.</extracomment>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PlayerScreen</name>
    <message>
        <source>Stop for now</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>Bước trước</translation>
    </message>
    <message>
        <source>Show me how</source>
        <translation>Xem cách làm</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Check: question %1 of %2</source>
        <translation>Kiểm tra: câu %1 / %2</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Bước %1 / %2</translation>
    </message>
    <message>
        <source>Finish the lesson</source>
        <translation>Học xong bài này</translation>
    </message>
</context>
<context>
    <name>PracticePhone</name>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Incoming video call</source>
        <translation>Cuộc gọi video đến</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Cuộc gọi đến</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Trả lời</translation>
    </message>
    <message>
        <source>Not secure</source>
        <translation>Không bảo mật</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>PRACTICE COPY</source>
        <translation>BẢN THỰC HÀNH</translation>
    </message>
</context>
<context>
    <name>PresenterController</name>
    <message>
        <source>Group session</source>
        <translation>Buổi học nhóm</translation>
    </message>
</context>
<context>
    <name>PrintQueuePanel</name>
    <message>
        <source>Save as PDF…</source>
        <translation>Lưu thành tệp PDF…</translation>
    </message>
    <message>
        <source>Print the chosen one</source>
        <translation>In việc đã chọn</translation>
    </message>
    <message>
        <source>Stop printing</source>
        <translation>Dừng in</translation>
    </message>
    <message>
        <source>Print all</source>
        <translation>In tất cả</translation>
    </message>
    <message numerus="yes">
        <source>%n certificate print job(s) waiting.</source>
        <translation>
            <numerusform>Có %n lệnh in giấy chứng nhận đang chờ.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is waiting to be printed.</source>
        <translation>Không có giấy nào đang chờ in.</translation>
    </message>
    <message>
        <source>Save the certificate as a PDF file</source>
        <translation>Lưu giấy chứng nhận thành tệp PDF</translation>
    </message>
    <message>
        <source>Could not save the file: %1</source>
        <translation>Không lưu được tệp: %1</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Đã lưu vào %1</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Đang in…</translation>
    </message>
    <message>
        <source>Stopping after the certificate being printed…</source>
        <translation>Sẽ dừng sau khi in xong giấy đang in…</translation>
    </message>
    <message numerus="yes">
        <source>%n print job(s) sent to the printer.</source>
        <translation>
            <numerusform>Đã gửi %n lệnh in đến máy in.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still waiting: see the reasons above.</source>
        <translation>
            <numerusform>Còn %n lệnh đang chờ: xem lý do ở trên.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <source>Problems</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <source>Something needs a staff member: lessons or settings that could not be used (lessons with errors are switched off; every other lesson works), or an automatic backup that failed.</source>
        <translation>Có việc cần cán bộ xem: bài học hoặc cài đặt không dùng được (bài có lỗi đã được tắt, các bài khác vẫn học bình thường), hoặc lần tự sao lưu bị lỗi.</translation>
    </message>
    <message>
        <source>No problems: every lesson and setting is in order.</source>
        <translation>Không có sự cố: mọi bài học và cài đặt đều ổn.</translation>
    </message>
</context>
<context>
    <name>ProblemsScreen</name>
    <message>
        <source>Problems for staff</source>
        <translation>Lỗi cần cán bộ xem</translation>
    </message>
    <message>
        <source>These lessons or settings could not be used. Lessons with errors are switched off; every other lesson works.</source>
        <translation>Các bài học hoặc cài đặt dưới đây chưa dùng được. Bài bị lỗi được tạm tắt; các bài khác vẫn học bình thường.</translation>
    </message>
    <message>
        <source>No problems: every lesson and setting is in order.</source>
        <translation>Không có lỗi: mọi bài học và cài đặt đều ổn.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>ReadAloudButton</name>
    <message>
        <source>Read aloud</source>
        <translation>Đọc to</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>Dừng đọc</translation>
    </message>
    <message>
        <source>No Vietnamese voice</source>
        <translation>Không có giọng đọc</translation>
    </message>
</context>
<context>
    <name>RecoveryScreen</name>
    <message>
        <source>The kiosk&apos;s records are damaged</source>
        <translation>Dữ liệu của trạm bị hỏng</translation>
    </message>
    <message>
        <source>File: %1. What was found: %2</source>
        <translation>Tệp: %1. Lỗi tìm thấy: %2</translation>
    </message>
    <message>
        <source>Nothing is deleted: before a backup is restored, the damaged file is moved to %1, where a technician can try to get more out of it.</source>
        <translation>Không có gì bị xoá: trước khi khôi phục bản sao lưu, tệp bị hỏng được chuyển vào %1 để người phụ trách kỹ thuật có thể cứu thêm dữ liệu từ đó.</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>Khôi phục từ tệp…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Back to the welcome screen</source>
        <translation>Về màn hình chính</translation>
    </message>
    <message>
        <source>Looking for the newest backup in good order…</source>
        <translation>Đang tìm bản sao lưu còn tốt gần nhất…</translation>
    </message>
    <message>
        <source>Checking the backups…</source>
        <translation>Đang kiểm tra các bản sao lưu…</translation>
    </message>
    <message>
        <source>There is no backup on this kiosk that can be restored. Please call the person who looks after the kiosk&apos;s computer. If a backup was saved elsewhere (a USB stick), restore it with “Restore from a file…”. Until then the kiosk stays closed to residents and the damaged file stays as it is.</source>
        <translation>Trên trạm không có bản sao lưu nào khôi phục được. Anh/chị hãy gọi người phụ trách máy tính của trạm. Nếu có bản sao lưu để ở nơi khác (USB), hãy khôi phục bằng nút “Khôi phục từ tệp…”. Trong lúc chờ, trạm tạm ngưng phục vụ bà con và tệp bị hỏng được giữ nguyên.</translation>
    </message>
    <message numerus="yes">
        <source>The newest backup in good order was made at %1 and holds %n resident(s). What was recorded after that time is not in it.</source>
        <translation>
            <numerusform>Bản sao lưu còn tốt gần nhất được tạo lúc %1, có %n người học. Những gì ghi sau thời điểm đó không có trong bản này.</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore the newest backup (%1)</source>
        <translation>Khôi phục bản sao lưu gần nhất (%1)</translation>
    </message>
    <message>
        <source>Choose a backup to restore</source>
        <translation>Chọn bản sao lưu để khôi phục</translation>
    </message>
    <message>
        <source>Kiosk backups (*.sqlite3 *.db);;All files (*)</source>
        <translation>Bản sao lưu của trạm (*.sqlite3 *.db);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Đang kiểm tra bản sao lưu…</translation>
    </message>
    <message numerus="yes">
        <source>Restore the backup %1 (%n resident(s))?

The damaged file is moved to %2 and kept. What was recorded after the backup was made is not in it.

The kiosk then works again with the restored records.</source>
        <translation>
            <numerusform>Khôi phục bản sao lưu %1 (%n người học)?

Tệp bị hỏng được chuyển vào %2 và giữ lại. Những gì ghi sau lúc tạo bản sao lưu không có trong bản này.

Sau đó trạm hoạt động lại với dữ liệu đã khôi phục.</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Khôi phục bản sao lưu</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Đang khôi phục…</translation>
    </message>
    <message>
        <source>The kiosk&apos;s records were restored</source>
        <translation>Đã khôi phục dữ liệu của trạm</translation>
    </message>
    <message numerus="yes">
        <source>Restored: %n resident(s) are back. The kiosk is working again. The damaged file is kept as %1.</source>
        <translation>
            <numerusform>Đã khôi phục: có lại %n người học. Trạm đã hoạt động trở lại. Tệp bị hỏng được giữ ở %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped. Nothing was changed.</source>
        <translation>Đã dừng. Không có gì thay đổi.</translation>
    </message>
</context>
<context>
    <name>RegisteredScreen</name>
    <message>
        <source>Your learner code is:</source>
        <translation>Mã học viên của bà con là:</translation>
    </message>
    <message>
        <source>Write it down or ask staff for a learner card. With it you can continue next time.</source>
        <translation>Xin ghi lại mã này hoặc nhờ cán bộ in thẻ học viên. Lần sau dùng mã để học tiếp.</translation>
    </message>
    <message>
        <source>Start learning</source>
        <translation>Bắt đầu học</translation>
    </message>
    <message>
        <source>Welcome, %1!</source>
        <translation>Chào mừng %1!</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <source>Show chart</source>
        <extracomment>A date typed or picked waits this long before the reports are made again.</extracomment>
        <translation>Xem biểu đồ</translation>
    </message>
    <message>
        <source>Show table</source>
        <translation>Xem bảng</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Tháng này</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Tháng trước</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Quý này</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Năm nay</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Chọn ngày</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>Make again</source>
        <translation>Lập lại</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Bao phủ</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Kết quả tự báo cáo</translation>
    </message>
    <message>
        <source>Group sessions</source>
        <translation>Buổi học nhóm</translation>
    </message>
    <message>
        <source>Hardest steps</source>
        <translation>Bước khó</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Chọn thư mục…</translation>
    </message>
    <message>
        <source>Save Excel</source>
        <translation>Lưu Excel</translation>
    </message>
    <message>
        <source>Save CSV</source>
        <translation>Lưu CSV</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Lưu PDF</translation>
    </message>
    <message>
        <source>The table on screen</source>
        <translation>Chỉ bảng đang xem</translation>
    </message>
    <message>
        <source>Every report of the period</source>
        <translation>Mọi báo cáo của kỳ</translation>
    </message>
    <message>
        <source>Making the reports…</source>
        <translation>Đang lập báo cáo…</translation>
    </message>
    <message>
        <source>Stopped. Press “Make again” to make the reports.</source>
        <translation>Đã dừng. Bấm “Lập lại” để lập báo cáo.</translation>
    </message>
    <message>
        <source>The reports could not be made. The details are in the kiosk&apos;s log.</source>
        <translation>Không lập được báo cáo. Chi tiết lỗi có trong nhật ký của trạm.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Đang dừng…</translation>
    </message>
    <message>
        <source>Folder for the reports</source>
        <translation>Thư mục lưu báo cáo</translation>
    </message>
    <message>
        <source>Saved in: %1</source>
        <translation>Lưu vào: %1</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>Đang lưu %1…</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
    <message>
        <source>Stopped: nothing was saved.</source>
        <translation>Đã dừng: chưa lưu tệp nào.</translation>
    </message>
    <message>
        <source>The report could not be saved. The details are in the kiosk&apos;s log.</source>
        <translation>Không lưu được báo cáo. Chi tiết lỗi có trong nhật ký của trạm.</translation>
    </message>
</context>
<context>
    <name>ResidentSearch</name>
    <message>
        <source>Name, birth year, phone, learner code or khóm/ấp, with or without accents</source>
        <translation>Tên, năm sinh, số điện thoại, mã người học hoặc khóm/ấp; có dấu hay không dấu đều được</translation>
    </message>
    <message>
        <source>Nobody found. Check the spelling, or type fewer words.</source>
        <translation>Không tìm thấy ai. Anh/chị hãy kiểm tra lại chính tả, hoặc gõ ít chữ hơn.</translation>
    </message>
    <message numerus="yes">
        <source>The first %n residents found; type more to narrow the list.</source>
        <translation>
            <numerusform>Đây là %n người học đầu tiên tìm thấy; gõ thêm để thu hẹp danh sách.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 residents found; the first %2 are shown.</source>
        <translation>Tìm thấy %1 người học; đang hiện %2 người đầu tiên.</translation>
    </message>
    <message numerus="yes">
        <source>%n resident(s) found.</source>
        <translation>
            <numerusform>Tìm thấy %n người học.</numerusform>
        </translation>
    </message>
    <message>
        <source>The search did not work: %1</source>
        <translation>Chưa tìm được: %1</translation>
    </message>
    <message>
        <source>Type a few letters of the name, without accents if you like: &quot;nguyen thi anh&quot;, &quot;anh 1958&quot;, &quot;khom 3&quot;.</source>
        <translation>Gõ vài chữ của tên, không dấu cũng được: “nguyen thi anh”, “anh 1958”, “khom 3”.</translation>
    </message>
</context>
<context>
    <name>ResidentView</name>
    <message>
        <source>Born %1</source>
        <translation>Sinh năm %1</translation>
    </message>
    <message>
        <source>Learner code %1</source>
        <translation>Mã người học %1</translation>
    </message>
    <message>
        <source>← Back to the list</source>
        <translation>← Về danh sách</translation>
    </message>
    <message>
        <source>Issue / print certificates</source>
        <translation>Cấp / in chứng nhận</translation>
    </message>
    <message>
        <source>Edit details</source>
        <translation>Sửa thông tin</translation>
    </message>
    <message>
        <source>Merge a duplicate</source>
        <translation>Gộp hồ sơ trùng</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Xuất dữ liệu</translation>
    </message>
    <message>
        <source>Erase…</source>
        <translation>Xóa hồ sơ…</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Tiến độ học</translation>
    </message>
    <message>
        <source>Registered on %1. Agreed to what is stored (consent text %2) on %3.</source>
        <translation>Đăng ký ngày %1. Đồng ý cho lưu thông tin (nội dung đồng ý bản %2) ngày %3.</translation>
    </message>
    <message>
        <source>Another record has the same name and birth year. If it is the same person, merge the two records.</source>
        <translation>Có hồ sơ khác trùng họ tên và năm sinh. Nếu là cùng một người, hãy gộp hai hồ sơ.</translation>
    </message>
    <message>
        <source>Compare and merge</source>
        <translation>So sánh và gộp</translation>
    </message>
    <message>
        <source>Completed on %1</source>
        <translation>Hoàn thành ngày %1</translation>
    </message>
    <message>
        <source>, check %1/%2</source>
        <translation>, kiểm tra đúng %1/%2</translation>
    </message>
    <message>
        <source> (group session)</source>
        <translation> (học nhóm)</translation>
    </message>
    <message>
        <source>In progress: step %1 of %2</source>
        <translation>Đang học: bước %1/%2</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Chưa học</translation>
    </message>
    <message>
        <source>Skill completed on %1</source>
        <translation>Hoàn thành kỹ năng ngày %1</translation>
    </message>
    <message>
        <source>%1 of %2 lessons completed</source>
        <translation>Đã xong %1/%2 bài</translation>
    </message>
    <message>
        <source>No. %1 · %2 · issued on %3</source>
        <translation>Số %1 · %2 · cấp ngày %3</translation>
    </message>
    <message>
        <source>revoked on %1: %2</source>
        <translation>đã thu hồi ngày %1: %2</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Chứng nhận</translation>
    </message>
    <message>
        <source>No certificate yet.</source>
        <translation>Chưa có chứng nhận nào.</translation>
    </message>
    <message>
        <source>What they said they can do now</source>
        <translation>Kết quả người học tự cho biết</translation>
    </message>
    <message>
        <source>No answers yet.</source>
        <translation>Chưa trả lời câu nào.</translation>
    </message>
    <message>
        <source>passed the check</source>
        <translation>đạt bài kiểm tra</translation>
    </message>
    <message>
        <source>did not pass the check</source>
        <translation>chưa đạt bài kiểm tra</translation>
    </message>
    <message>
        <source>Group sessions attended</source>
        <translation>Buổi học nhóm đã dự</translation>
    </message>
    <message>
        <source>No group session.</source>
        <translation>Chưa dự buổi học nhóm nào.</translation>
    </message>
</context>
<context>
    <name>ResidentsModel</name>
    <message>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <source>Khóm/ấp</source>
        <translation>Khóm/ấp</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Learner code</source>
        <translation>Mã người học</translation>
    </message>
</context>
<context>
    <name>ResidentsPage</name>
    <message>
        <source>Residents</source>
        <extracomment>Groups of possible duplicates listed at once (by name).</extracomment>
        <translation>Người học</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Hồ sơ có thể trùng</translation>
    </message>
    <message>
        <source>The changes are saved.</source>
        <translation>Đã lưu thay đổi.</translation>
    </message>
    <message>
        <source>Merged: everything of the record %1 is now in this one, and that record is deleted.</source>
        <translation>Đã gộp: mọi thứ của hồ sơ %1 nay nằm trong hồ sơ này, và hồ sơ đó đã bị xóa.</translation>
    </message>
    <message>
        <source>The record with learner code %1 is erased.</source>
        <translation>Đã xóa hồ sơ có mã người học %1.</translation>
    </message>
    <message>
        <source>These files could not be deleted; delete them by hand: %1</source>
        <translation>Không xóa được các tệp sau; anh/chị hãy xóa bằng tay: %1</translation>
    </message>
    <message>
        <source>Looking for records with the same name and birth year…</source>
        <translation>Đang tìm các hồ sơ trùng họ tên và năm sinh…</translation>
    </message>
    <message>
        <source>No two records share a name and birth year.</source>
        <translation>Không có hai hồ sơ nào trùng cả họ tên và năm sinh.</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of records share a name and birth year. Open one to compare and merge.</source>
        <translation>
            <numerusform>Có %n nhóm hồ sơ trùng họ tên và năm sinh. Mở một hồ sơ để so sánh và gộp.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %n groups of records sharing a name and birth year. Open one to compare and merge.</source>
        <translation>
            <numerusform>%n nhóm hồ sơ đầu tiên trùng họ tên và năm sinh. Mở một hồ sơ để so sánh và gộp.</numerusform>
        </translation>
    </message>
    <message>
        <source>The list could not be made: %1</source>
        <translation>Chưa lập được danh sách: %1</translation>
    </message>
    <message>
        <source>Save the resident&apos;s data</source>
        <translation>Lưu dữ liệu của người học</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Tệp JSON (*.json)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Saved to %1. The file holds personal data: hand it to the person and do not keep copies.</source>
        <translation>Đã lưu vào %1. Tệp có thông tin cá nhân: hãy trao cho người dân và không giữ bản sao.</translation>
    </message>
    <message>
        <source>The file was not saved: %1</source>
        <translation>Chưa lưu được tệp: %1</translation>
    </message>
    <message>
        <source>The person asked to be erased</source>
        <translation>Người dân yêu cầu xóa</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Name</source>
        <translation>Họ tên</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Passed?</source>
        <translation>Đạt?</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Chưa đạt</translation>
    </message>
    <message>
        <source>Touch to mark whether this person passed the group check</source>
        <translation>Chạm để ghi nhận người này đạt hay chưa đạt kiểm tra nhóm</translation>
    </message>
</context>
<context>
    <name>RosterPanel</name>
    <message>
        <source>Show learner codes</source>
        <translation>Hiện mã học viên</translation>
    </message>
    <message>
        <source>Name, birth year, or scan a card</source>
        <translation>Tên, năm sinh hoặc quét thẻ</translation>
    </message>
    <message>
        <source>Someone new</source>
        <translation>Người mới</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>Bỏ khỏi danh sách</translation>
    </message>
    <message>
        <source>The whole class passed</source>
        <translation>Cả lớp đạt</translation>
    </message>
    <message>
        <source>No learner has the code %1.</source>
        <translation>Không có người học nào mang mã %1.</translation>
    </message>
    <message>
        <source>Checked in: %1</source>
        <translation>Đã điểm danh: %1</translation>
    </message>
    <message>
        <source>%1 is already checked in.</source>
        <translation>%1 đã điểm danh rồi.</translation>
    </message>
    <message>
        <source>(checked in)</source>
        <translation>(đã điểm danh)</translation>
    </message>
    <message>
        <source>Nobody found. Someone new? Touch “Someone new”.</source>
        <translation>Không tìm thấy ai. Nếu là người mới, chạm “Người mới”.</translation>
    </message>
    <message>
        <source>Touch the right person to check them in.</source>
        <translation>Chạm vào đúng người để điểm danh.</translation>
    </message>
    <message>
        <source>Registered and checked in: %1 (learner code %2)</source>
        <translation>Đã đăng ký và điểm danh: %1 (mã học viên %2)</translation>
    </message>
    <message>
        <source>Registered and checked in: %1 (their learner code shows with “Show learner codes”)</source>
        <translation>Đã đăng ký và điểm danh: %1 (chọn “Hiện mã học viên” để xem mã của bà con)</translation>
    </message>
    <message>
        <source>All %1 people present passed.</source>
        <translation>Cả %1 người có mặt đều đạt.</translation>
    </message>
    <message>
        <source>Removed from the list: %1</source>
        <translation>Đã bỏ khỏi danh sách: %1</translation>
    </message>
    <message>
        <source>Checked in: %1 · Passed: %2</source>
        <translation>Đã điểm danh: %1 · Đạt: %2</translation>
    </message>
</context>
<context>
    <name>SessionListModel</name>
    <message>
        <source>Started</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>Khóm/ấp</source>
        <translation>Khóm/ấp</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Nơi học</translation>
    </message>
    <message>
        <source>Led by</source>
        <translation>Người hướng dẫn</translation>
    </message>
    <message>
        <source>(not ended)</source>
        <translation>(chưa kết thúc)</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>Có mặt</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Đạt</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>Group sessions</source>
        <translation>Buổi học nhóm</translation>
    </message>
    <message>
        <source>Start a group session</source>
        <translation>Bắt đầu buổi học nhóm</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>No group sessions yet. Start one with the button above.</source>
        <translation>Chưa có buổi học nhóm nào. Anh/chị bắt đầu bằng nút ở trên.</translation>
    </message>
    <message>
        <source>Queue their certificates for printing</source>
        <translation>Xếp giấy chứng nhận vào hàng chờ in</translation>
    </message>
    <message>
        <source>Open the print queue</source>
        <translation>Mở hàng chờ in</translation>
    </message>
    <message>
        <source>End this session</source>
        <translation>Kết thúc buổi học này</translation>
    </message>
    <message>
        <source>Not ended: the session of %1 at %2, started %3.</source>
        <translation>Chưa kết thúc: buổi học của %1 tại %2, bắt đầu lúc %3.</translation>
    </message>
    <message>
        <source>The sessions could not be read: %1</source>
        <translation>Không đọc được danh sách buổi học: %1</translation>
    </message>
    <message>
        <source>%1, %2 — led by %3</source>
        <translation>%1, %2 — người hướng dẫn: %3</translation>
    </message>
    <message>
        <source>Lessons: %1</source>
        <translation>Bài học: %1</translation>
    </message>
    <message>
        <source>Not ended yet: %1 checked in so far.</source>
        <translation>Chưa kết thúc: đến giờ có %1 người điểm danh.</translation>
    </message>
    <message>
        <source>Ended %1. %2 came, %3 passed the group check; %4 lessons and %5 skills completed in the group.</source>
        <translation>Kết thúc lúc %1. %2 người có mặt, %3 người đạt kiểm tra nhóm; %4 lượt hoàn thành bài học và %5 kỹ năng hoàn thành theo nhóm.</translation>
    </message>
    <message>
        <source>No longer in the lesson pack: %1</source>
        <translation>Không còn trong bộ bài học: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Ghi chú: %1</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>đạt</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>chưa đạt</translation>
    </message>
    <message>
        <source>attended</source>
        <translation>có mặt</translation>
    </message>
    <message>
        <source>Nobody completed a skill in this session: no certificates.</source>
        <translation>Buổi học này chưa có ai hoàn thành kỹ năng nào: chưa có giấy chứng nhận.</translation>
    </message>
    <message>
        <source>%1 people completed a skill in this session.</source>
        <translation>%1 người đã hoàn thành kỹ năng trong buổi học này.</translation>
    </message>
    <message>
        <source>Their certificates are in the print queue.</source>
        <translation>Giấy chứng nhận của họ đã ở trong hàng chờ in.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>%1 certificates for %2 people are in the print queue.</source>
        <translation>Đã xếp %1 giấy chứng nhận của %2 người vào hàng chờ in.</translation>
    </message>
    <message>
        <source>Stopped. Nothing was queued; you can start again.</source>
        <translation>Đã dừng. Chưa xếp giấy nào vào hàng chờ in; anh/chị có thể làm lại.</translation>
    </message>
    <message>
        <source>The certificates could not be prepared: %1</source>
        <translation>Không chuẩn bị được giấy chứng nhận: %1</translation>
    </message>
    <message>
        <source>e.g. Nhà văn hóa khóm, or a house in the khóm</source>
        <translation>ví dụ: Nhà văn hóa khóm, hoặc nhà một hộ trong khóm</translation>
    </message>
    <message>
        <source>Khóm/ấp</source>
        <translation>Khóm/ấp</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Nơi học</translation>
    </message>
    <message>
        <source>Projector</source>
        <translation>Máy chiếu</translation>
    </message>
    <message>
        <source>Lessons to cover (touch to choose, in the order they are listed):</source>
        <translation>Các bài sẽ dạy (chạm để chọn; dạy theo thứ tự trong danh sách):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Begin</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>%1 (%2 min)</source>
        <translation>%1 (%2 phút)</translation>
    </message>
    <message>
        <source>Screen %1 (%2×%3)</source>
        <translation>Màn hình %1 (%2×%3)</translation>
    </message>
    <message>
        <source>this screen: one window, F5 switches views</source>
        <translation>màn hình này: một cửa sổ, F5 để chuyển</translation>
    </message>
    <message>
        <source>%1 lessons, about %2 minutes, then the group check.</source>
        <translation>%1 bài, khoảng %2 phút, sau đó kiểm tra nhóm.</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>Save</source>
        <extracomment>The object name of the section; its buttons and status are named after it.</extracomment>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>Bỏ thay đổi chưa lưu</translation>
    </message>
    <message>
        <source>Set by the environment variable %1; change it there.</source>
        <translation>Do biến môi trường %1 quyết định; hãy đổi ở đó.</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the values marked in red.</source>
        <translation>Chưa lưu gì: hãy sửa các giá trị có chữ đỏ.</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>Chưa lưu gì.</translation>
    </message>
    <message>
        <source>Saved. The changes take effect when the kiosk is opened again.</source>
        <translation>Đã lưu. Thay đổi có hiệu lực khi mở lại trạm.</translation>
    </message>
    <message>
        <source>Nothing had changed.</source>
        <translation>Không có gì thay đổi.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <source>Khóm/ấp</source>
        <translation>Khóm/ấp</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Trạm</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>Lesson packs</source>
        <translation>Gói bài học</translation>
    </message>
</context>
<context>
    <name>SettingsParts</name>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>The file could not be read or written: %1</source>
        <translation>Không đọc hoặc ghi được tệp: %1</translation>
    </message>
    <message>
        <source>This could not be done. The details are in the kiosk&apos;s log.</source>
        <translation>Không làm được việc này. Chi tiết có trong nhật ký của trạm.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Đang dừng…</translation>
    </message>
</context>
<context>
    <name>SkillTile</name>
    <message>
        <source>Lessons coming soon</source>
        <translation>Bài học sắp có</translation>
    </message>
    <message numerus="yes">
        <source>Completed: all %n lesson(s)</source>
        <translation>
            <numerusform>Đã xong cả %n bài</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 lessons done</source>
        <translation>Đã học %1 / %2 bài</translation>
    </message>
</context>
<context>
    <name>SkillsScreen</name>
    <message>
        <source>What would you like to learn today?</source>
        <translation>Hôm nay bà con muốn học gì?</translation>
    </message>
    <message>
        <source>I am done for today</source>
        <translation>Hôm nay học đến đây</translation>
    </message>
    <message>
        <source>Hello, %1</source>
        <translation>Xin chào %1</translation>
    </message>
    <message>
        <source>Learner code: %1</source>
        <translation>Mã học viên: %1</translation>
    </message>
    <message>
        <source>Continue: %1</source>
        <translation>Học tiếp: %1</translation>
    </message>
</context>
<context>
    <name>Speaker</name>
    <message>
        <source>The speech engine reported an error: %1</source>
        <translation>Bộ đọc tiếng nói báo lỗi: %1</translation>
    </message>
    <message>
        <source>The speech engine stopped unexpectedly.</source>
        <translation>Bộ đọc tiếng nói bị dừng đột ngột.</translation>
    </message>
    <message>
        <source>The speech engine did not answer in time.</source>
        <translation>Bộ đọc tiếng nói không trả lời kịp.</translation>
    </message>
    <message>
        <source>Reading aloud stopped responding, so it has been turned off.</source>
        <translation>Chức năng đọc to không phản hồi nên đã được tắt.</translation>
    </message>
    <message>
        <source>No Vietnamese voice is installed on this machine.</source>
        <translation>Máy chưa có giọng đọc tiếng Việt.</translation>
    </message>
    <message>
        <source>No speech engine is installed on this machine.</source>
        <translation>Máy chưa cài bộ đọc tiếng nói.</translation>
    </message>
    <message>
        <source>The speech engine could not start: %1</source>
        <translation>Không khởi động được bộ đọc tiếng nói: %1</translation>
    </message>
</context>
<context>
    <name>SpotView</name>
    <message>
        <source>Found %1 of %2</source>
        <translation>Đã tìm được %1 / %2</translation>
    </message>
    <message>
        <source>Nothing suspicious there. Look at the place that is lit up.</source>
        <translation>Chỗ này không có gì đáng ngờ. Hãy nhìn chỗ được tô sáng.</translation>
    </message>
    <message>
        <source>Nothing suspicious there.</source>
        <translation>Chỗ này không có gì đáng ngờ.</translation>
    </message>
    <message>
        <source>Look at the place that is lit up, then touch it.</source>
        <translation>Nhìn chỗ được tô sáng, rồi chạm vào đó.</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Staff</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Add a staff member</source>
        <translation>Thêm cán bộ</translation>
    </message>
    <message>
        <source>Who may open this console and what each may do. Touch a name to change its role or PIN, or to stop the account.</source>
        <translation>Ai được mở bảng điều khiển này và mỗi người được làm gì. Chạm vào một tên để đổi vai trò, đặt lại mã PIN hoặc ngừng tài khoản.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Change the role</source>
        <translation>Đổi vai trò</translation>
    </message>
    <message>
        <source>Reset the PIN</source>
        <translation>Đặt lại mã PIN</translation>
    </message>
    <message>
        <source>Stop this account</source>
        <translation>Ngừng tài khoản này</translation>
    </message>
    <message>
        <source>Use this account again</source>
        <translation>Cho dùng lại tài khoản</translation>
    </message>
    <message>
        <source>A new staff member</source>
        <translation>Cán bộ mới</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Mã PIN</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>Nhập lại mã PIN</translation>
    </message>
    <message>
        <source>4 to 8 digits; not 1234, 1111 or 1212. Tell the person their PIN yourself.</source>
        <translation>Từ 4 đến 8 chữ số; không dùng 1234, 1111 hay 1212. Anh/chị tự báo mã PIN cho người đó.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Team members look people up, run group sessions and print certificates. Commune staff also edit residents, issue certificates and export reports. Administrators also change settings, manage staff and read the audit log.</source>
        <translation>Tổ viên tra cứu người học, tổ chức buổi học nhóm và in chứng nhận. Cán bộ xã làm thêm việc sửa thông tin người học, cấp chứng nhận và xuất báo cáo. Quản trị viên làm thêm việc đổi cài đặt, quản lý cán bộ và xem nhật ký hoạt động.</translation>
    </message>
    <message>
        <source>Save the role</source>
        <translation>Lưu vai trò</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Mã PIN mới</translation>
    </message>
    <message>
        <source>A new PIN also lifts a lockout.</source>
        <translation>Đặt mã PIN mới cũng mở khóa tài khoản.</translation>
    </message>
    <message>
        <source>Set the PIN</source>
        <translation>Đặt mã PIN</translation>
    </message>
    <message>
        <source>Stop the account</source>
        <translation>Ngừng tài khoản</translation>
    </message>
    <message>
        <source>No staff account yet.</source>
        <translation>Chưa có tài khoản cán bộ nào.</translation>
    </message>
    <message>
        <source>Username: %1</source>
        <translation>Tên đăng nhập: %1</translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation>Vai trò: %1</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Trạng thái: %1</translation>
    </message>
    <message>
        <source>This is you.</source>
        <translation>Đây là tài khoản của anh/chị.</translation>
    </message>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>Hai lần nhập mã PIN không giống nhau.</translation>
    </message>
    <message>
        <source>%1 can now sign in as %2.</source>
        <translation>%1 đã đăng nhập được với vai trò %2.</translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation>Vai trò của %1</translation>
    </message>
    <message>
        <source>%1 is now: %2.</source>
        <translation>%1 giờ là: %2.</translation>
    </message>
    <message>
        <source>A new PIN for %1</source>
        <translation>Mã PIN mới cho %1</translation>
    </message>
    <message>
        <source>The PIN of %1 was changed.</source>
        <translation>Đã đổi mã PIN của %1.</translation>
    </message>
    <message>
        <source>Stop the account of %1? They will no longer be able to sign in. What they did stays in the audit log, and the account can be used again later.</source>
        <translation>Ngừng tài khoản của %1? Người này sẽ không đăng nhập được nữa. Những việc họ đã làm vẫn còn trong nhật ký hoạt động, và tài khoản có thể được dùng lại sau.</translation>
    </message>
    <message>
        <source>The account of %1 is stopped.</source>
        <translation>Đã ngừng tài khoản của %1.</translation>
    </message>
    <message>
        <source>%1 can sign in again.</source>
        <translation>%1 đã đăng nhập lại được.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>This could not be saved: the kiosk&apos;s records cannot be written.</source>
        <translation>Chưa lưu được vì trạm không ghi được dữ liệu.</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Đã ngừng</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>Bị khóa đến %1</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Đang dùng</translation>
    </message>
</context>
<context>
    <name>StepView</name>
    <message>
        <source>Not quite. Let us try again.</source>
        <translation>Chưa đúng. Mình thử lại nhé.</translation>
    </message>
    <message>
        <source>Hint: %1</source>
        <translation>Gợi ý: %1</translation>
    </message>
    <message>
        <source>Right!</source>
        <translation>Đúng rồi!</translation>
    </message>
</context>
<context>
    <name>StorageBanner</name>
    <message>
        <source>The kiosk has lost its connection to the server and is trying again… Please wait a moment, then touch again.</source>
        <translation>Đang mất kết nối với máy chủ, trạm đang thử lại… Bà con chờ một lát rồi chạm lại.</translation>
    </message>
    <message>
        <source>The kiosk has lost its connection to the server and is trying again… Please carry on.</source>
        <translation>Đang mất kết nối với máy chủ, trạm đang thử lại… Bà con cứ tiếp tục.</translation>
    </message>
    <message>
        <source>The kiosk&apos;s records are busy and it is trying again… Please wait a moment, then touch again.</source>
        <translation>Dữ liệu của trạm đang bận, trạm đang thử lại… Bà con chờ một lát rồi chạm lại.</translation>
    </message>
    <message>
        <source>The kiosk&apos;s records are busy; it will save your answers in a moment… Please carry on.</source>
        <translation>Dữ liệu của trạm đang bận, trạm sẽ lưu bài làm sau ít giây… Bà con cứ tiếp tục.</translation>
    </message>
    <message>
        <source>The kiosk&apos;s storage is full and nothing new can be saved. Please tell a commune staff member.</source>
        <translation>Bộ nhớ của máy đã đầy, trạm chưa lưu thêm được gì. Bà con báo giúp cán bộ xã.</translation>
    </message>
    <message>
        <source>The kiosk&apos;s storage is full. Your answers are kept for now; please tell a commune staff member.</source>
        <translation>Bộ nhớ của máy đã đầy. Bài làm của bà con đang được giữ tạm; bà con cứ tiếp tục và báo giúp cán bộ xã.</translation>
    </message>
    <message>
        <source>The kiosk cannot read or save its records right now. Please tell a commune staff member.</source>
        <translation>Lúc này trạm không đọc và lưu được dữ liệu. Bà con báo giúp cán bộ xã.</translation>
    </message>
    <message>
        <source>The kiosk cannot save right now and keeps trying. Your answers are kept for now; please tell a commune staff member.</source>
        <translation>Lúc này trạm chưa lưu được và đang thử lại. Bài làm của bà con đang được giữ tạm; bà con báo giúp cán bộ xã.</translation>
    </message>
</context>
<context>
    <name>TapView</name>
    <message>
        <source>Touch the place that is lit up.</source>
        <translation>Chạm vào chỗ được tô sáng.</translation>
    </message>
</context>
<context>
    <name>TypeView</name>
    <message>
        <source>Please type exactly: %1</source>
        <translation>Xin nhập đúng: %1</translation>
    </message>
    <message>
        <source>This is what to type. Touch “Done” on the keyboard.</source>
        <translation>Đây là chữ cần nhập. Chạm “Xong” trên bàn phím.</translation>
    </message>
</context>
<context>
    <name>VerifyPanel</name>
    <message>
        <source>Scan the QR code on the certificate with the scanner, or type its code and touch “Check”.</source>
        <translation>Quét mã QR trên giấy chứng nhận bằng máy quét, hoặc gõ mã rồi chạm “Kiểm tra”.</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Find among issued</source>
        <translation>Tìm trong danh sách đã cấp</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Hợp lệ</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Đã thu hồi</translation>
    </message>
    <message>
        <source>Tampered with</source>
        <translation>Bị sửa đổi</translation>
    </message>
    <message>
        <source>Unknown issuer</source>
        <translation>Không rõ nơi cấp</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>Không đọc được</translation>
    </message>
    <message>
        <source>What the code claims (not confirmed):</source>
        <translation>Mã ghi như sau (chưa được xác nhận):</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>Digital Skills Station</source>
        <translation>Trạm Kỹ năng số</translation>
    </message>
    <message>
        <source>Learn to use your phone safely, one small step at a time.</source>
        <translation>Học dùng điện thoại an toàn, từng bước nhỏ một.</translation>
    </message>
    <message>
        <source>I am new here</source>
        <translation>Tôi mới đến lần đầu</translation>
    </message>
    <message>
        <source>I have studied here before</source>
        <translation>Tôi đã học ở đây</translation>
    </message>
    <message>
        <source>Getting ready…</source>
        <translation>Đang chuẩn bị…</translation>
    </message>
</context>
<context>
    <name>_SetupPages</name>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Tiếp</translation>
    </message>
    <message>
        <source>First start: the administrator&apos;s account</source>
        <translation>Thiết lập lần đầu: tài khoản quản trị</translation>
    </message>
    <message>
        <source>Choose a username</source>
        <translation>Chọn tên đăng nhập</translation>
    </message>
    <message>
        <source>Choose a PIN</source>
        <translation>Chọn mã PIN</translation>
    </message>
    <message>
        <source>Type the PIN again</source>
        <translation>Nhập lại mã PIN</translation>
    </message>
    <message>
        <source>No staff account exists yet. The person who sets up this kiosk becomes its administrator. Your full name:</source>
        <translation>Trạm chưa có tài khoản cán bộ nào. Người thiết lập trạm sẽ là quản trị viên. Họ và tên của anh/chị:</translation>
    </message>
    <message>
        <source>Letters without accents, digits and . _ - (for example thuha). It is used to reset a PIN from the command line.</source>
        <translation>Chữ cái không dấu, chữ số và các dấu . _ - (ví dụ: thuha). Tên này dùng khi đặt lại mã PIN bằng dòng lệnh.</translation>
    </message>
    <message>
        <source>4 to 8 digits that only you know. Not 1234, 1111 or 1212.</source>
        <translation>Từ 4 đến 8 chữ số chỉ anh/chị biết. Không dùng 1234, 1111 hay 1212.</translation>
    </message>
    <message>
        <source>The same PIN once more, to be sure.</source>
        <translation>Nhập lại đúng mã PIN đó một lần nữa cho chắc chắn.</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Bước %1 / %2</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>The two PINs were not the same. Choose the PIN again.</source>
        <translation>Hai lần nhập mã PIN không giống nhau. Anh/chị hãy chọn lại mã PIN.</translation>
    </message>
</context>
</TS>
