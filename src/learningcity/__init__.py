"""Thailand Learning City Platform (แพลตฟอร์มเมืองแห่งการเรียนรู้ของประเทศไทย)."""
