<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
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
    <message>
        <source>No learner has this code. Please check it, or find yourself by name.</source>
        <translation>Không có mã này. Xin xem lại, hoặc tìm theo họ tên.</translation>
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
    <message>
        <source>This name is too long.</source>
        <translation>Họ tên này dài quá.</translation>
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
    <name>KioskFlow</name>
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
    <name>PrintQueueScreen</name>
    <message>
        <source>Certificates waiting to be printed</source>
        <translation>Giấy chứng nhận đang chờ in</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Stop printing</source>
        <translation>Dừng in</translation>
    </message>
    <message>
        <source>Print all</source>
        <translation>In tất cả</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Lưu thành tệp PDF…</translation>
    </message>
    <message>
        <source>Not printed: %1</source>
        <translation>Chưa in được: %1</translation>
    </message>
    <message>
        <source>Waiting: %1</source>
        <translation>Đang chờ: %1</translation>
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
        <source>These lessons or settings could not be used. Lessons with errors are switched off; every other lesson works.</source>
        <translation>Các bài học hoặc cài đặt này không dùng được. Bài có lỗi đã tạm tắt; mọi bài khác vẫn dùng bình thường.</translation>
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
    <name>VerifyScreen</name>
    <message>
        <source>Check a certificate</source>
        <translation>Kiểm tra chứng nhận</translation>
    </message>
    <message>
        <source>Scan the QR code on the certificate with the scanner, or type its code and touch “Check”.</source>
        <translation>Quét mã QR trên giấy chứng nhận bằng máy quét, hoặc gõ mã rồi chạm “Kiểm tra”.</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
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
</TS>
